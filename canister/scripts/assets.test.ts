import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { aliasesFor, describeAsset, generateAssets, writeAssetsModule } from './assets.js';
import { fromBase64, toHex } from '../src/bytes.js';
import { responseHash } from '../src/http/certification.js';
import { IMMUTABLE_CACHE_CONTROL, cacheControlFor } from '../src/http/responses.js';

const PLACEHOLDER = path.resolve(import.meta.dirname, '../placeholder');

describe('scripts/assets.ts', () => {
  it('is deterministic: two runs write byte-identical modules', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ii-assets-'));
    writeAssetsModule(PLACEHOLDER, path.join(dir, 'a.ts'));
    writeAssetsModule(PLACEHOLDER, path.join(dir, 'b.ts'));
    const a = readFileSync(path.join(dir, 'a.ts'));
    expect(a.length).toBeGreaterThan(1000);
    expect(a.equals(readFileSync(path.join(dir, 'b.ts')))).toBe(true);
    expect(a.toString()).not.toContain(dir);
  });

  it('aliases index and html files', () => {
    expect(aliasesFor('index.html')).toEqual(['/', '/index.html']);
    expect(aliasesFor('faq/index.html')).toEqual(['/faq', '/faq/', '/faq/index.html']);
    expect(aliasesFor('about.html')).toEqual(['/about', '/about/', '/about.html']);
    expect(aliasesFor('js/app.js')).toEqual(['/js/app.js']);
  });

  it('embeds the placeholder: HTML templated, others with a smaller gzip that decodes back', () => {
    const g = generateAssets(PLACEHOLDER);
    expect(g.source).toBe('canister/placeholder');
    const index = g.assets.find((a) => a.file === 'index.html')!;
    expect(index).toMatchObject({
      kind: 'html',
      templated: true,
      paths: ['/', '/index.html', '/authorize'],
    });
    const app = g.assets.find((a) => a.file === 'app.js')!;
    if (app.kind !== 'static') throw new Error('app.js should be static');
    const [identity, gzip] = app.encodings;
    expect(gzip.encoding).toBe('gzip');
    expect(gzip.headers).toContainEqual(['Content-Encoding', 'gzip']);
    const gz = fromBase64(gzip.bodyBase64);
    expect(gz.length).toBeLessThan(fromBase64(identity.bodyBase64).length);
    expect(new Uint8Array(gunzipSync(gz))).toEqual(fromBase64(identity.bodyBase64));
    // mtime 0 in the gzip header: no build time leaks into the wasm.
    expect([...gz.slice(4, 8)]).toEqual([0, 0, 0, 0]);
  });

  it('keeps gzip out when it does not pay, and refuses unknown types and path clashes', () => {
    const tiny = describeAsset('a.txt', new TextEncoder().encode('x'));
    expect(tiny.kind === 'static' && tiny.encodings.map((e) => e.encoding)).toEqual(['identity']);
    expect(() => describeAsset('a.exe', new Uint8Array(1))).toThrow(/content type/);
    const dir = mkdtempSync(path.join(tmpdir(), 'ii-clash-'));
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(path.join(dir, 'a.html'), '<p>1</p>');
    writeFileSync(path.join(dir, 'a/index.html'), '<p>2</p>');
    expect(() => generateAssets(dir)).toThrow(/both served at/);
  });

  it('caches fingerprinted files for good and certifies that header', () => {
    const js = new TextEncoder().encode('console.log(1);'.repeat(50));
    const a = describeAsset('assets/index-N5TQIZ9W.js', js);
    if (a.kind !== 'static') throw new Error('expected a static asset');
    for (const e of a.encodings) {
      expect(e.headers).toContainEqual(['Cache-Control', IMMUTABLE_CACHE_CONTROL]);
      // The precomputed hash covers the header: a gateway rejects any other value.
      const body = fromBase64(e.bodyBase64);
      expect(toHex(responseHash(200, e.headers, body))).toBe(e.responseHash);
      const other = e.headers.map(([k, v]): [string, string] =>
        k === 'Cache-Control' ? [k, 'no-cache'] : [k, v],
      );
      expect(toHex(responseHash(200, other, body))).not.toBe(e.responseHash);
    }
    // Names not from Vite's content hash are not immutable: a new release may change them.
    const logo = describeAsset('logo.svg', new TextEncoder().encode('<svg/>'));
    if (logo.kind !== 'static') throw new Error('expected a static asset');
    expect(logo.encodings[0]!.headers.map(([k]) => k)).not.toContain('Cache-Control');
    expect(cacheControlFor('assets/index.js', 'text/javascript')).toBeUndefined();
    expect(cacheControlFor('assets/a/b-N5TQIZ9W.js', 'text/javascript')).toBeUndefined();
    expect(cacheControlFor('index.html', 'text/html; charset=utf-8')).toBe('no-cache');
  });
});
