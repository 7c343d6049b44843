// A user's mistakes: one clear line on stderr, exit code 2, nothing started.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as exporterMain } from '../src/cli/exporter.js';
import { probe } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ii-probes-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const target = {
  name: 'production',
  canisterId: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
  hostnames: ['identity.ic0.app'],
  network: 'http://127.0.0.1:1',
  rootKey: 'fetch',
  dappUrl: 'https://rrkah-fqaaa-aaaaa-aaaaq-cai.icp0.io',
  dappCanisterId: 'rrkah-fqaaa-aaaaa-aaaaq-cai',
  credentials: 'creds.json',
};
const write = (name: string, body: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
  return p;
};

async function exporter(args: string[]) {
  let err = '';
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((c: string) => ((err += String(c)), true)) as typeof process.stderr.write;
  try {
    return { code: await exporterMain(args), err };
  } finally {
    process.stderr.write = writeErr;
  }
}

describe('bad input exits 2 with one line', () => {
  it('a config file that does not exist, is not YAML, or breaks the schema', async () => {
    const missing = await probe(['run', '--config', join(dir, 'nope.yaml'), '--target', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toEqual([
      expect.stringMatching(/^ii-probe: cannot read .*nope\.yaml: ENOENT$/),
    ]);
    const notYaml = write('bad.yaml', 'targets: [ {');
    expect((await probe(['run', '--config', notYaml, '--target', 'x'])).code).toBe(2);
    const badId = write('bad-id.json', { targets: [{ ...target, canisterId: 'not a principal' }] });
    const r = await probe(['run', '--config', badId, '--target', 'production']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/targets\.0\.canisterId: not a principal/);
    const unknownKey = write('unknown.json', { targets: [{ ...target, colour: 'red' }] });
    expect((await probe(['run', '--config', unknownKey, '--target', 'production'])).code).toBe(2);
  });

  it('an unknown target, and a run with no target at all', async () => {
    const config = write('ok.json', { targets: [target] });
    const r = await probe(['run', '--config', config, '--target', 'staging']);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toMatch(/no target staging \(the config has production\)/);
    expect((await probe(['run'])).code).toBe(2);
  });

  it('a credentials file others can read, or one that is not a credentials file', async () => {
    const creds = write('creds.json', { version: 1 });
    chmodSync(creds, 0o644);
    const config = write('with-creds.json', { targets: [target] });
    const r = await probe(['run', '--config', config, '--target', 'production', '--flow', 'api']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/readable by others \(mode 644\): chmod 600 it/);
    chmodSync(creds, 0o600);
    const r2 = await probe(['run', '--config', config, '--target', 'production', '--flow', 'api']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/is not a credentials file/);
    const ex = await exporter(['--config', config, '--port', '0']);
    expect(ex.code).toBe(2);
    expect(ex.err).toMatch(/^ii-exporter: .*is not a credentials file\n$/);
  });

  it('the exporter refuses a bad port and a missing config', async () => {
    const config = write('ok2.json', { targets: [{ ...target, flows: ['page'] }] });
    expect((await exporter(['--config', config, '--port', 'http'])).code).toBe(2);
    expect((await exporter([])).code).toBe(2);
  });
});
