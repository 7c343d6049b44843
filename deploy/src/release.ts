/**
 * A release: `releases/<version>/` with the module, its sha256, the Candid interface, and a
 * manifest saying what it is (version, commit, hashes, the record format it writes, its flavor,
 * the frontend's asset hashes). Built from a clean commit with the canister's reproducible build,
 * so building twice gives the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUPPORTED_RECORD_VERSIONS, parseRecordVersion } from '@ii/canister/build-tools';
import { z } from 'zod';
import { DeployError } from './errors.js';
import { runStep } from './run-step.js';
import { wasmFlavor } from './wasm-flavor.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const WASM_FILE = 'internet_identity.wasm.gz';
export const DID_FILE = 'internet_identity.did';

export const manifestSchema = z
  .object({
    version: z.string(),
    gitCommit: z.string(),
    wasmSha256: z.string().regex(/^[0-9a-f]{64}$/),
    candidSha256: z.string().regex(/^[0-9a-f]{64}$/),
    recordFormatVersion: z.number().int().positive(),
    /** Every anchor-record format this build can read (a deployed one outside it is refused). */
    readsRecordFormats: z.array(z.number().int().positive()),
    /** `production` only is deployable; test builds say what they are. */
    flavor: z.string(),
    frontendAssets: z.record(z.string(), z.string()),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

export interface Release {
  dir: string;
  manifest: Manifest;
  wasm: Uint8Array;
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function readRelease(releasesDir: string, version: string): Release {
  const dir = join(releasesDir, version);
  if (!existsSync(join(dir, 'manifest.json')))
    throw new DeployError('II_ERR_DEPLOY_RELEASE', `no release ${version} in ${releasesDir}`);
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  } catch (e) {
    throw new DeployError(
      'II_ERR_DEPLOY_RELEASE',
      `${dir}/manifest.json is invalid: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const wasm = new Uint8Array(readFileSync(join(dir, WASM_FILE)));
  if (sha256(wasm) !== manifest.wasmSha256)
    throw new DeployError(
      'II_ERR_DEPLOY_RELEASE',
      `${dir}/${WASM_FILE} does not match its manifest's sha256`,
    );
  // A wasm module (raw or gzipped) starts with "\0asm" or the gzip magic.
  const magic = Buffer.from(wasm.subarray(0, 4)).toString('hex');
  if (magic !== '0061736d' && !magic.startsWith('1f8b'))
    throw new DeployError('II_ERR_DEPLOY_RELEASE', `${dir}/${WASM_FILE} is not a wasm module`);
  return { dir, manifest, wasm };
}

export function listReleases(releasesDir: string): Manifest[] {
  if (!existsSync(releasesDir)) return [];
  return readdirSync(releasesDir)
    .filter((v) => existsSync(join(releasesDir, v, 'manifest.json')))
    .map((v) => readRelease(releasesDir, v).manifest)
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
}

/**
 * The release whose module has this sha256, if one was built here. A broken release directory
 * (a module that is not wasm, a hash that does not match) is skipped: it cannot be what runs, and
 * it must not stop a deployment of another release.
 */
export function releaseByHash(releasesDir: string, hash: string): Manifest | undefined {
  if (!existsSync(releasesDir)) return undefined;
  const readable = readdirSync(releasesDir).flatMap((v) => {
    if (!existsSync(join(releasesDir, v, 'manifest.json'))) return [];
    try {
      return [readRelease(releasesDir, v).manifest];
    } catch (e) {
      if (e instanceof DeployError) return [];
      throw e;
    }
  });
  return readable
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }))
    .find((m) => m.wasmSha256 === hash);
}

function git(args: string[], cwd = REPO): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

export function defaultVersion(): string {
  return git(['describe', '--tags', '--always']);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

export interface BuildOptions {
  releasesDir: string;
  version: string;
  allowDirty?: boolean;
  /**
   * `test`: the release of the test build (internet_identity_test.wasm.gz), for dapp developers;
   * its manifest says so, and the pipeline refuses to deploy it.
   */
  flavor?: 'production' | 'test';
  log: (line: string) => void;
}

/** Builds the release from this checkout into `releasesDir/version`. */
export async function buildRelease(o: BuildOptions): Promise<Release> {
  if (!/^[A-Za-z0-9._-]+$/.test(o.version))
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `a version is letters, digits, . _ and -, not ${o.version}`,
    );
  const dirty = git(['status', '--porcelain']);
  if (dirty && !o.allowDirty)
    throw new DeployError(
      'II_ERR_DEPLOY_DIRTY',
      'commit or stash your changes first (or --allow-dirty for a trial build)',
    );
  const commit = git(['rev-parse', 'HEAD']);
  o.log(`building the frontend and what else changed`);
  await runStep(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'build.ts')], {
    cwd: REPO,
  });
  o.log(`building the canister at ${commit.slice(0, 12)}`);
  const canister = join(REPO, 'canister');
  const distDir = 'dist-release';
  await runStep(process.execPath, ['--import', 'tsx', join(canister, 'scripts', 'build.ts')], {
    cwd: canister,
    env: {
      ...process.env,
      II_DIST_DIR: distDir,
      II_GIT_COMMIT: commit,
      RECORD_VERSION: '',
      II_FAULT: '',
      // The test flavor only when it is the release (it doubles the build's time).
      II_TEST_FLAVOR: o.flavor === 'test' ? '1' : '0',
    },
  });
  const built = join(canister, distDir);
  const wasmName = o.flavor === 'test' ? 'internet_identity_test.wasm.gz' : WASM_FILE;
  const wasm = new Uint8Array(readFileSync(join(built, wasmName)));
  // The flavor the module itself names (the canister build writes it), not the one asked for.
  const flavor = wasmFlavor(wasm);
  if (flavor !== (o.flavor ?? 'production'))
    throw new DeployError(
      'II_ERR_DEPLOY_RELEASE',
      `${wasmName} names the flavor ${flavor ?? '(none)'}, not ${o.flavor ?? 'production'}`,
    );
  const did = readFileSync(join(built, DID_FILE));
  const frontend = join(REPO, 'frontend', flavor === 'test' ? 'dist-test' : 'dist');
  const manifest: Manifest = {
    version: o.version,
    gitCommit: commit,
    wasmSha256: sha256(wasm),
    candidSha256: sha256(did),
    recordFormatVersion: parseRecordVersion(undefined),
    readsRecordFormats: [...SUPPORTED_RECORD_VERSIONS],
    flavor,
    frontendAssets: Object.fromEntries(
      filesUnder(frontend).map((f) => [relative(frontend, f), sha256(readFileSync(f))]),
    ),
  };
  const dir = join(o.releasesDir, o.version);
  if (existsSync(join(dir, 'manifest.json'))) {
    const existing = readRelease(o.releasesDir, o.version).manifest;
    if (existing.wasmSha256 !== manifest.wasmSha256)
      throw new DeployError(
        'II_ERR_DEPLOY_RELEASE',
        `release ${o.version} exists with another module (${existing.wasmSha256.slice(0, 12)}…, this build ${manifest.wasmSha256.slice(0, 12)}…): choose another version`,
      );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, WASM_FILE), wasm);
  writeFileSync(join(dir, `${WASM_FILE}.sha256`), `${manifest.wasmSha256}  ${WASM_FILE}\n`);
  writeFileSync(join(dir, DID_FILE), did);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(built, { recursive: true, force: true });
  return { dir, manifest, wasm };
}
