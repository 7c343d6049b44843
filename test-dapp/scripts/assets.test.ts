import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AssetsError, describeAssets, renderAssetsModule } from './assets.js';

let dir: string;
function site(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'dapp-assets-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HTML = '<script id="dapp-config" type="application/json">__DAPP_CONFIG__</script>';

describe('describeAssets', () => {
  it('splits pages (templated in the canister) from static files (precomputed)', () => {
    const a = describeAssets(site({ 'index.html': HTML, 'assets/a.js': 'x()' }));
    expect(a.pages.map((p) => p.paths)).toEqual([['/', '/index.html']]);
    expect(a.statics).toHaveLength(1);
    expect(a.statics[0].paths).toEqual(['/assets/a.js']);
    expect(a.statics[0].responseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(renderAssetsModule(a)).toBe(renderAssetsModule(describeAssets(dir)));
  });
  it('refuses HTML without the placeholder, no page, and a file at the alternative-origins path', () => {
    expect(() => describeAssets(site({ 'index.html': '<p>' }))).toThrow(AssetsError);
    rmSync(dir, { recursive: true });
    expect(() => describeAssets(site({ 'a.js': '' }))).toThrow(/no HTML page/);
    rmSync(dir, { recursive: true });
    expect(() =>
      describeAssets(site({ 'index.html': HTML, '.well-known/ii-alternative-origins': '{}' })),
    ).toThrow(/served by the canister/);
  });
});
