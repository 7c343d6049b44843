/**
 * A deployment to release to, on localnet: Internet Identity at its production id on the
 * production hostnames and a canary clone at its own id and hostname, both running release v1,
 * both probed (the probe enrolled on each), plus a deploy config describing them and releases made
 * from real builds: good ones (the same module gzipped differently, so each has its own hash) and
 * bad ones (the canister's test-only fault builds, dressed as production releases the way a bad
 * release would be).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type Fault,
  faultWasm,
  parseRecordVersion,
  SUPPORTED_RECORD_VERSIONS,
} from '@ii/canister/build-tools';
import { II_CANISTER_ID } from '@ii/client';
import { type World, probe, startWorld } from '@ii/probes/testing';
import { stringify } from 'yaml';
import { type Manifest, sha256 } from '../src/release.js';

const repo = new URL('../..', import.meta.url);
export const DIST_WASM = new Uint8Array(
  readFileSync(new URL('canister/dist/internet_identity.wasm.gz', repo)),
);
/** The test flavor (dapp developers' e2e build): never deployable. */
export const TEST_FLAVOR_WASM = new Uint8Array(
  readFileSync(new URL('canister/dist/internet_identity_test.wasm.gz', repo)),
);
const DID = new URL('canister/internet_identity.did', repo);

export interface ReleaseWorld {
  world: World;
  configPath: string;
  releasesDir: string;
  ledgerPath: string;
  cloneId: string;
  stop(): Promise<void>;
}

/** A release directory made from `wasm`, as `ii-deploy build` would write it. */
export function makeRelease(
  releasesDir: string,
  version: string,
  wasm: Uint8Array,
  flavor = 'production',
): Manifest {
  const dir = join(releasesDir, version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'internet_identity.wasm.gz'), wasm);
  copyFileSync(DID, join(dir, 'internet_identity.did'));
  const manifest: Manifest = {
    version,
    gitCommit: 'test',
    wasmSha256: sha256(wasm),
    candidSha256: sha256(readFileSync(DID)),
    recordFormatVersion: parseRecordVersion(undefined),
    readsRecordFormats: [...SUPPORTED_RECORD_VERSIONS],
    flavor,
    frontendAssets: {},
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The same module as `wasm`, gzipped at another level: the same behaviour under another hash. */
export function regzipped(wasm: Uint8Array, level: number): Uint8Array {
  return new Uint8Array(gzipSync(gunzipSync(wasm), { level }));
}

export function faultRelease(releasesDir: string, fault: Fault): Manifest {
  return makeRelease(releasesDir, `bad-${fault}`, faultWasm(fault));
}

export async function startReleaseWorld(
  options: { pushgateway?: string; soakSeconds?: number } = {},
): Promise<ReleaseWorld> {
  const world = await startWorld({ clone: true, wasm: DIST_WASM, flows: ['page', 'login', 'api'] });
  for (const target of ['production', 'canary']) {
    const r = await probe(['enroll', '--config', world.configPath, '--target', target]);
    if (r.code !== 0) throw new Error(`enroll ${target}: ${r.err}`);
  }
  const releasesDir = join(world.dir, 'releases');
  makeRelease(releasesDir, 'v1', DIST_WASM);
  const ledgerPath = join(world.dir, 'ledger.json');
  const rootKey = Buffer.from(world.net.rootKey).toString('hex');
  const configPath = join(world.dir, 'deploy.yaml');
  writeFileSync(
    configPath,
    stringify({
      releases: releasesDir,
      ledger: ledgerPath,
      probes: world.configPath,
      ...(options.pushgateway ? { pushgateway: options.pushgateway } : {}),
      soakSeconds: options.soakSeconds ?? 2,
      soakPauseSeconds: 1,
      targets: {
        canary: {
          role: 'canary',
          network: world.net.url,
          rootKey,
          canisterId: world.cloneId,
          probeTarget: 'canary',
        },
        production: {
          role: 'production',
          network: world.net.url,
          rootKey,
          canisterId: II_CANISTER_ID,
          probeTarget: 'production',
        },
      },
    }),
  );
  return {
    world,
    configPath,
    releasesDir,
    ledgerPath,
    cloneId: world.cloneId!,
    stop: () => world.stop(),
  };
}
