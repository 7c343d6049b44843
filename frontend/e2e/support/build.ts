/**
 * What the e2e suite runs: the Internet Identity canister (which embeds the built frontend) and the
 * test dapp, built by the repository's build-what-changed script once per `vitest` invocation
 * (globalSetup), never per test file.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const II_WASM = join(REPO, 'canister', 'dist', 'internet_identity.wasm.gz');
export const DAPP_WASM = join(REPO, 'test-dapp', 'dist', 'test_dapp.wasm.gz');

/** Builds every workspace whose inputs changed; returns what was built and what was fresh. */
export function buildChanged(): { built: string[]; fresh: string[]; seconds: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--json'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  return JSON.parse(out) as { built: string[]; fresh: string[]; seconds: number };
}
