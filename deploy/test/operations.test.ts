// The release manager's other tools: build twice → the same bytes; verify a deployed canister;
// back up and restore a snapshot; roll back; metrics in the Pushgateway.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { deviceFor } from '@ii/canister/testing';
import {
  II_CANISTER_ID,
  canisterInfo,
  createAgent,
  iiActor,
  installWasm,
  encodeInitArg,
  network,
} from '@ii/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmFlavor } from '../src/wasm-flavor.js';
import { deploy } from './cli.js';
import {
  DIST_WASM,
  type ReleaseWorld,
  makeRelease,
  regzipped,
  startReleaseWorld,
} from './release-world.js';

let rw: ReleaseWorld;
beforeAll(async () => {
  rw = await startReleaseWorld();
});
afterAll(async () => rw?.stop());

const agentAs = (identity?: Ed25519KeyIdentity) =>
  createAgent(network(rw.world.net.url, Buffer.from(rw.world.net.rootKey).toString('hex')), {
    identity,
  });

describe('ii-deploy operations', () => {
  it('builds a release twice with the same bytes, and verify matches it on a canister running it', async () => {
    const releases = join(rw.world.dir, 'built');
    const a = await deploy([
      'build',
      '--version',
      'b1',
      '--releases',
      releases,
      '--allow-dirty',
      '--json',
    ]);
    expect(a.code, a.err).toBe(0);
    const b = await deploy([
      'build',
      '--version',
      'b2',
      '--releases',
      releases,
      '--allow-dirty',
      '--json',
    ]);
    const [ma, mb] = [JSON.parse(a.out[0]!), JSON.parse(b.out[0]!)];
    expect(ma.wasmSha256).toBe(mb.wasmSha256);
    expect(readFileSync(join(releases, 'b1', 'internet_identity.wasm.gz'))).toEqual(
      readFileSync(join(releases, 'b2', 'internet_identity.wasm.gz')),
    );
    expect(ma).toMatchObject({ flavor: 'production', recordFormatVersion: expect.any(Number) });
    expect(Object.keys(ma.frontendAssets)).toContain('index.html');
  });

  it('builds the test flavor as a release that says so, which no target accepts', async () => {
    const releases = join(rw.world.dir, 'built');
    const built = await deploy([
      'build',
      '--version',
      'dapp-tests',
      '--flavor',
      'test',
      '--releases',
      releases,
      '--allow-dirty',
      '--json',
    ]);
    expect(built.code, built.err).toBe(0);
    const manifest = JSON.parse(built.out[0]!);
    expect(manifest).toMatchObject({ version: 'dapp-tests', flavor: 'test' });
    const wasm = new Uint8Array(
      readFileSync(join(releases, 'dapp-tests', 'internet_identity.wasm.gz')),
    );
    expect(wasmFlavor(wasm)).toBe('test');
    cpSync(join(releases, 'dapp-tests'), join(rw.releasesDir, 'dapp-tests'), { recursive: true });
    const before = (await canisterInfo(await agentAs(), rw.cloneId)).moduleHash;
    const r = await deploy(['canary', '--config', rw.configPath, '--release', 'dapp-tests']);
    expect(r.code, r.err).toBe(3);
    expect(r.err.trim()).toBe(
      'ii-deploy: release dapp-tests is a test build: only production builds are deployed',
    );
    expect((await canisterInfo(await agentAs(), rw.cloneId)).moduleHash).toBe(before);
  });

  it('rolls a target back to an earlier release and records it', async () => {
    const v2 = makeRelease(rw.releasesDir, 'v2', regzipped(DIST_WASM, 5));
    expect((await deploy(['canary', '--config', rw.configPath, '--release', 'v2'])).code).toBe(0);
    const r = await deploy(['rollback', '--config', rw.configPath, '--target', 'canary', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out[0]!)).toMatchObject({ version: 'v1' });
    const agent = await agentAs();
    expect((await canisterInfo(agent, rw.cloneId)).moduleHash).not.toBe(v2.wasmSha256);
  });

  it('backs a canister up to a file and restores it: anchors made after the backup are gone', async () => {
    const file = join(rw.world.dir, 'production.snapshot');
    const b = await deploy([
      'backup',
      '--config',
      rw.configPath,
      '--target',
      'production',
      '--out',
      file,
      '--json',
    ]);
    expect(b.code, b.err).toBe(0);
    const id = Ed25519KeyIdentity.generate();
    const res = await iiActor(await agentAs(id)).register(
      deviceFor(id),
      { key: '', chars: '' },
      [],
    );
    if (!('registered' in res)) throw new Error(JSON.stringify(res));
    const anchor = res.registered.user_number;
    expect(await iiActor(await agentAs()).lookup(anchor)).toHaveLength(1);
    const r = await deploy([
      'restore',
      '--config',
      rw.configPath,
      '--target',
      'production',
      '--from',
      file,
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(await iiActor(await agentAs()).lookup(anchor)).toHaveLength(0);
    const wrong = await deploy([
      'restore',
      '--config',
      rw.configPath,
      '--target',
      'canary',
      '--from',
      file,
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/is a snapshot of rdmx6-jaaaa-aaaaa-aaadq-cai/);
  });

  it('verifies the module deployed from the current commit by rebuilding it in a clean worktree', async () => {
    const releases = join(rw.world.dir, 'built');
    const built = JSON.parse(readFileSync(join(releases, 'b1', 'manifest.json'), 'utf8'));
    await installWasm(await agentAs(), {
      canisterId: II_CANISTER_ID,
      wasm: new Uint8Array(readFileSync(join(releases, 'b1', 'internet_identity.wasm.gz'))),
      arg: encodeInitArg(null),
      mode: 'upgrade',
    });
    const key = Buffer.from(rw.world.net.rootKey).toString('hex');
    const v = await deploy([
      'verify',
      '--network',
      rw.world.net.url,
      '--root-key',
      key,
      '--canister',
      II_CANISTER_ID,
      '--commit',
      built.gitCommit,
      '--json',
    ]);
    expect(v.code === 0 || v.code === 1, v.err).toBe(true);
    const result = JSON.parse(v.out.at(-1)!);
    expect(result).toMatchObject({ commit: built.gitCommit, deployedHash: built.wasmSha256 });
    // A clean checkout (CI's fresh clone) must rebuild to the same bytes; a dirty one was built
    // from files the commit does not have.
    const clean =
      execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() === '';
    if (clean) {
      expect(result.verdict).toBe('match');
      expect(v.code).toBe(0);
    }
  });
});
