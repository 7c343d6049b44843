/**
 * Builds the test dapp from a clean checkout:
 *   1. the frontend (Vite) into frontend/dist, and the ICRC pages (../test-dapp-icrc/, their
 *      own package with @icp-sdk/auth 7.1.0 and @icp-sdk/core 5) into frontend/dist/icrc,
 *   2. frontend/dist → dist/generated/assets.ts (see assets.ts),
 *   3. the canister with Azle (offline; no dfx),
 *   4. dist/test_dapp.wasm.gz (deterministic gzip) and dist/test_dapp.did.
 *
 *   npm run build -w test-dapp
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { acquireBuildLock } from '@ii/canister/build-tools';
import { describeAssets, renderAssetsModule } from './assets.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..');
export const WASM_GZ = join(root, 'dist', 'test_dapp.wasm.gz');

function step(message: string): void {
  process.stderr.write(`[test-dapp build] ${message}\n`);
}

export async function build(): Promise<string> {
  const release = acquireBuildLock(root);
  try {
    return await buildUnlocked();
  } finally {
    release();
  }
}

async function buildUnlocked(): Promise<string> {
  step('vite build (frontend)');
  // Imported here so that a stale-check does not load Vite.
  const vite = await import('vite');
  await vite.build({ configFile: join(root, 'frontend', 'vite.config.ts'), logLevel: 'warn' });
  step('vite build (../test-dapp-icrc → frontend/dist/icrc)');
  await vite.build({
    configFile: join(repo, 'test-dapp-icrc', 'vite.config.ts'),
    logLevel: 'warn',
  });

  step('embedding frontend/dist');
  const generated = join(root, 'dist', 'generated');
  mkdirSync(generated, { recursive: true });
  const assets = describeAssets(join(root, 'frontend', 'dist'));
  writeFileSync(join(generated, 'assets.ts'), renderAssetsModule(assets));

  step('azle build');
  const did = join(root, '.azle', 'test_dapp', 'test_dapp.did');
  execFileSync(join(repo, 'node_modules', '.bin', 'azle'), ['build', 'test_dapp'], {
    cwd: root,
    env: { ...process.env, AZLE_DFX_ROOT: root, CANISTER_CANDID_PATH: did },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const wasm = readFileSync(join(root, '.azle', 'test_dapp', 'test_dapp.wasm'));
  mkdirSync(join(root, 'dist'), { recursive: true });
  // zlib's gzip header carries no timestamp or file name: equal input, equal bytes.
  writeFileSync(WASM_GZ, gzipSync(wasm, { level: 9 }));
  if (existsSync(did)) copyFileSync(did, join(root, 'dist', 'test_dapp.did'));
  step(`wrote ${WASM_GZ} (${(wasm.length / 1e6).toFixed(2)} MB raw)`);
  return WASM_GZ;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build().catch((e: unknown) => {
    process.stderr.write(`[test-dapp build] ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
