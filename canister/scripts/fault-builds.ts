/**
 * Test-only builds of the canister with one fault each (src/faults.ts), embedding the real
 * frontend like dist/ does. Built on first use and cached next to the dependencies, keyed by the
 * sha256 of the deployable build they derive from (dist/internet_identity.wasm.gz, which must be
 * built first), so a changed source means new fault builds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fault } from '../src/faults.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_WASM = join(root, 'dist', 'internet_identity.wasm.gz');

/** The gzipped wasm of the `fault` build of the current sources. */
export function faultWasm(fault: Fault): Uint8Array {
  if (!existsSync(DIST_WASM))
    throw new Error(`${DIST_WASM} is missing: build the canister first (npm run build)`);
  const key = createHash('sha256').update(readFileSync(DIST_WASM)).digest('hex').slice(0, 16);
  const cached = join(root, '..', 'node_modules', '.cache', 'ii-faults', key, `${fault}.wasm.gz`);
  if (!existsSync(cached)) {
    const distDir = `dist-fault-${fault}`;
    process.stderr.write(`[fault build] ${fault}\n`);
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts')], {
      cwd: root,
      env: { ...process.env, II_FAULT: fault, II_DIST_DIR: distDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    mkdirSync(dirname(cached), { recursive: true });
    copyFileSync(join(root, distDir, 'internet_identity.wasm.gz'), cached);
    rmSync(join(root, distDir), { recursive: true, force: true });
  }
  return new Uint8Array(readFileSync(cached));
}
