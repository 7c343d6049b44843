import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Azle project holding every fixture canister (one dfx.json, one folder per canister). */
export const FIXTURES_DIR = join(here, '..', '..', 'fixtures');

/** Names of the fixture canisters declared in fixtures/dfx.json. */
export function fixtureNames(): string[] {
  const dfx = JSON.parse(readFileSync(join(FIXTURES_DIR, 'dfx.json'), 'utf8')) as {
    canisters: Record<string, unknown>;
  };
  return Object.keys(dfx.canisters);
}

export function fixtureWasmPath(name: string): string {
  return join(FIXTURES_DIR, '.azle', name, `${name}.wasm`);
}

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds each fixture canister with Azle (offline) unless its wasm is newer than its sources. */
export async function buildFixtures(): Promise<void> {
  const azle = join(here, '..', '..', '..', 'node_modules', '.bin', 'azle');
  for (const name of fixtureNames()) {
    const wasm = fixtureWasmPath(name);
    const src = join(FIXTURES_DIR, name);
    if (existsSync(wasm) && statSync(wasm).mtimeMs > newestSourceMtime(src)) continue;
    execFileSync(azle, ['build', name], {
      cwd: FIXTURES_DIR,
      env: {
        ...process.env,
        AZLE_DFX_ROOT: FIXTURES_DIR,
        CANISTER_CANDID_PATH: join(FIXTURES_DIR, '.azle', name, `${name}.did`),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
}

/** The raw (not gzipped) wasm of a fixture canister; call after buildFixtures(). */
export function fixtureWasm(name = 'fixture'): Uint8Array {
  return new Uint8Array(readFileSync(fixtureWasmPath(name)));
}
