import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The canister's own tests run a build that embeds the placeholder page (their HTTP assertions are
 * about it), kept apart from dist/, which embeds the real frontend when it is built.
 */
export const WASM_GZ = join(root, 'dist-test', 'internet_identity.wasm.gz');
/** The archive canister, built with the same sources (test/archive.test.ts deploys it). */
export const ARCHIVE_WASM_GZ = join(root, 'dist-test', 'archive.wasm.gz');
/**
 * The same code built to write the previous anchor-record format (RECORD_VERSION=1, what the
 * previous release writes), for upgrade and downgrade tests across record formats.
 */
export const V1_FORMAT_WASM_GZ = join(root, 'dist-v1', 'internet_identity.wasm.gz');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'generated') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds the canister (dist-test/), its previous-record-format twin (dist-v1/) and the archive
 * (dist-test/) unless they are newer than every source file, so all tests share one build.
 */
export async function ensureBuilt(): Promise<void> {
  const sources = Math.max(
    newest(join(root, 'src')),
    newest(join(root, 'scripts')),
    newest(join(root, 'placeholder')),
    newest(join(root, 'archive')),
  );
  const fresh = (p: string) => existsSync(p) && statSync(p).mtimeMs > sources;
  if (fresh(WASM_GZ) && fresh(V1_FORMAT_WASM_GZ) && fresh(ARCHIVE_WASM_GZ)) return;
  const { build, buildArchive } = await import('../scripts/build.js');
  const placeholder = join(root, 'placeholder');
  withEnv({ RECORD_VERSION: '1', II_DIST_DIR: 'dist-v1', II_ASSETS_DIR: placeholder }, build);
  withEnv(
    { RECORD_VERSION: undefined, II_DIST_DIR: 'dist-test', II_ASSETS_DIR: placeholder },
    build,
  );
  withEnv({ II_DIST_DIR: 'dist-test' }, buildArchive);
}

function withEnv(vars: Record<string, string | undefined>, fn: () => unknown): void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(vars);
  try {
    fn();
  } finally {
    apply(saved);
  }
}

export function archiveWasm(): Uint8Array {
  return new Uint8Array(readFileSync(ARCHIVE_WASM_GZ));
}

export function iiWasm(): Uint8Array {
  return new Uint8Array(readFileSync(WASM_GZ));
}

/** This code writing record format 1: "the previous format" for upgrade/downgrade tests. */
export function v1FormatWasm(): Uint8Array {
  return new Uint8Array(readFileSync(V1_FORMAT_WASM_GZ));
}
