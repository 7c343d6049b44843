/**
 * Build-if-stale for the e2e suite: the frontend (vite), the Internet Identity canister that embeds
 * it, and the test dapp. Each step runs only when one of its inputs is newer than its output, so a
 * second run starts at once. Runs once per `vitest` invocation (globalSetup), never per test file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale as dappIsStale } from '../../../test-dapp/scripts/build.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const II_WASM = join(REPO, 'canister', 'dist', 'internet_identity.wasm.gz');
export const DAPP_WASM = join(REPO, 'test-dapp', 'dist', 'test_dapp.wasm.gz');
const FRONTEND_INDEX = join(REPO, 'frontend', 'dist', 'index.html');

const SKIP = new Set([
  'node_modules',
  'dist',
  'dist-next',
  'generated',
  '.azle',
  '.tsbuild',
  'e2e',
]);

/** Newest modification time under `paths` (files or directories), 0 when none exists. */
function newest(...paths: string[]): number {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (!s.isDirectory()) {
      t = Math.max(t, s.mtimeMs);
      continue;
    }
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
      t = Math.max(t, newest(join(p, e.name)));
    }
  }
  return t;
}

const mtime = (p: string) => (existsSync(p) ? statSync(p).mtimeMs : 0);

function npmBuild(workspace: string): void {
  process.stderr.write(`[e2e] building ${workspace}\n`);
  execFileSync('npm', ['run', 'build', '-w', workspace], { cwd: REPO, stdio: 'inherit' });
}

export interface BuildReport {
  frontend: boolean;
  canister: boolean;
  dapp: 'built' | 'fresh';
}

export function buildIfStale(): BuildReport {
  const fe = join(REPO, 'frontend');
  const frontendInputs = newest(
    join(fe, 'src'),
    join(fe, 'public'),
    join(fe, 'index.html'),
    join(fe, 'vite.config.ts'),
  );
  const frontend = mtime(FRONTEND_INDEX) < frontendInputs;
  if (frontend) npmBuild('frontend');

  const ca = join(REPO, 'canister');
  const canisterInputs = Math.max(
    newest(join(ca, 'src'), join(ca, 'scripts'), join(ca, 'placeholder')),
    newest(join(fe, 'dist')),
  );
  const canister = mtime(II_WASM) < canisterInputs;
  if (canister) npmBuild('canister');

  // The test dapp's own build knows its inputs (its page under frontend/src included).
  const dapp: BuildReport['dapp'] = dappIsStale() ? 'built' : 'fresh';
  if (dapp === 'built') npmBuild('test-dapp');
  return { frontend, canister, dapp };
}
