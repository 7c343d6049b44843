// Bad input gets a clear error and leaves every canister as it was.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { II_CANISTER_ID, canisterInfo, createAgent, network } from '@ii/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify, parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { deploy } from './cli.js';
import { wasmFlavor } from '../src/wasm-flavor.js';
import {
  DIST_WASM,
  type ReleaseWorld,
  TEST_FLAVOR_WASM,
  makeRelease,
  startReleaseWorld,
} from './release-world.js';

let rw: ReleaseWorld;
beforeAll(async () => {
  rw = await startReleaseWorld();
});
afterAll(async () => rw?.stop());

const hashes = async () => {
  const agent = await createAgent(
    network(rw.world.net.url, Buffer.from(rw.world.net.rootKey).toString('hex')),
  );
  return [
    (await canisterInfo(agent, II_CANISTER_ID)).moduleHash,
    (await canisterInfo(agent, rw.cloneId)).moduleHash,
  ];
};

describe('bad input changes nothing', () => {
  it('a missing release, and a release whose module is not wasm', async () => {
    const before = await hashes();
    const missing = await deploy(['canary', '--config', rw.configPath, '--release', 'nope']);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toMatch(/^ii-deploy: no release nope in /m);
    const m = makeRelease(
      rw.releasesDir,
      'garbage',
      new TextEncoder().encode('this is not a wasm module'),
    );
    expect(m.wasmSha256).toHaveLength(64);
    const garbage = await deploy(['canary', '--config', rw.configPath, '--release', 'garbage']);
    expect(garbage.code).toBe(2);
    expect(garbage.err).toMatch(/is not a wasm module/);
    expect(await hashes()).toEqual(before);
  });

  it('a target the identity does not control is refused before anything happens', async () => {
    const before = await hashes();
    const pem = join(rw.world.dir, 'stranger.pem');
    const { generateKeyPairSync } = await import('node:crypto');
    writeFileSync(
      pem,
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    const config = parse(readFileSync(rw.configPath, 'utf8'));
    config.targets.canary.identity = pem;
    const path = join(rw.world.dir, 'stranger.yaml');
    writeFileSync(path, stringify(config));
    makeRelease(rw.releasesDir, 'v1', DIST_WASM);
    const r = await deploy(['canary', '--config', path, '--release', 'v1']);
    expect(r.code, r.err).toBe(3);
    expect(r.err).toMatch(/is not a controller of/);
    expect(await hashes()).toEqual(before);
  });

  it('a wrong network URL, a bad config, a non-production flavor', async () => {
    const config = parse(readFileSync(rw.configPath, 'utf8'));
    config.targets.canary.network = 'http://127.0.0.1:1';
    const wrong = join(rw.world.dir, 'wrong-network.yaml');
    writeFileSync(wrong, stringify(config));
    const r = await deploy(['canary', '--config', wrong, '--release', 'v1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^ii-deploy: http:\/\/127\.0\.0\.1:1: /m);
    const bad = join(rw.world.dir, 'bad.yaml');
    writeFileSync(bad, 'targets: {canary: {role: sideways}}\nprobes: x\n');
    expect((await deploy(['status', '--config', bad])).code).toBe(2);
    makeRelease(rw.releasesDir, 'test-flavor', DIST_WASM, 'test');
    const flavor = await deploy(['canary', '--config', rw.configPath, '--release', 'test-flavor']);
    expect(flavor.code, flavor.err).toBe(3);
    expect(flavor.err).toMatch(/is a test build: only production builds are deployed/);
  });

  it('an NNS-controlled target gets the same preflight before a proposal is written', async () => {
    const before = await hashes();
    const config = parse(readFileSync(rw.configPath, 'utf8'));
    config.targets.production.viaProposal = true;
    const path = join(rw.world.dir, 'nns.yaml');
    writeFileSync(path, stringify(config));
    makeRelease(rw.releasesDir, 'v1', DIST_WASM);
    makeRelease(rw.releasesDir, 'test-flavor', DIST_WASM, 'test');
    const proposal = join(rw.world.dir, 'proposal.json');
    const promote = (release: string) =>
      deploy([
        'promote',
        '--config',
        path,
        '--release',
        release,
        '--skip-canary',
        '--yes',
        '--proposal-out',
        proposal,
      ]);
    // This localnet canister is controlled by the deploy identity, not the NNS root.
    const notNns = await promote('v1');
    expect(notNns.code, notNns.err).toBe(3);
    expect(notNns.err).toMatch(
      /r7inp-6aaaa-aaaaa-aaabq-cai \(the NNS root, which executes proposals\) is not a controller of rdmx6/,
    );
    const flavor = await promote('test-flavor');
    expect(flavor.code, flavor.err).toBe(3);
    expect(flavor.err).toMatch(/is a test build: only production builds are deployed/);
    const rollback = await deploy([
      'rollback',
      '--config',
      path,
      '--target',
      'production',
      '--to',
      'test-flavor',
      '--proposal-out',
      proposal,
    ]);
    expect(rollback.code, rollback.err).toBe(3);
    expect(rollback.err).toMatch(/is a test build/);
    expect(existsSync(proposal)).toBe(false);
    expect(await hashes()).toEqual(before);
  });

  it('the real test build is refused, by its manifest and by its module alone', async () => {
    const before = await hashes();
    expect(wasmFlavor(DIST_WASM)).toBe('production');
    expect(wasmFlavor(TEST_FLAVOR_WASM)).toBe('test');
    // As `ii-deploy build --flavor test` writes it: the manifest says test.
    makeRelease(rw.releasesDir, 'dapp-tests', TEST_FLAVOR_WASM, wasmFlavor(TEST_FLAVOR_WASM));
    // Dressed as production: the module still names its flavor.
    makeRelease(rw.releasesDir, 'dressed-up', TEST_FLAVOR_WASM, 'production');
    for (const version of ['dapp-tests', 'dressed-up']) {
      const r = await deploy(['canary', '--config', rw.configPath, '--release', version]);
      expect(r.code, r.err).toBe(3);
      expect(r.err.trim().split('\n')).toEqual([
        `ii-deploy: release ${version} is a test build: only production builds are deployed`,
      ]);
    }
    expect(await hashes()).toEqual(before);
  });
});
