import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_GZ = join(root, 'dist', 'internet_identity.wasm.gz');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'generated') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the canister unless dist/ is newer than every source file (tests share one build). */
export async function ensureBuilt(): Promise<void> {
  const sources = Math.max(
    newest(join(root, 'src')),
    newest(join(root, 'scripts')),
    newest(join(root, 'placeholder')),
  );
  if (existsSync(WASM_GZ) && statSync(WASM_GZ).mtimeMs > sources) return;
  const { build } = await import('../scripts/build.js');
  build();
}

export function iiWasm(): Uint8Array {
  return new Uint8Array(readFileSync(WASM_GZ));
}
