/**
 * Which build flavor a module is, read from the module itself: the canister build writes the
 * flavor into the custom section `icp:public ii_flavor` ("production" or "test"), so a release
 * cannot pass a test build off as production by its manifest alone.
 */
import { gunzipSync } from 'node:zlib';

export const FLAVOR_SECTION = 'icp:public ii_flavor';

/** The flavor a (raw or gzipped) wasm module names; undefined when it is not wasm or names none. */
export function wasmFlavor(module: Uint8Array): string | undefined {
  let wasm: Uint8Array;
  try {
    wasm = module[0] === 0x1f && module[1] === 0x8b ? new Uint8Array(gunzipSync(module)) : module;
  } catch {
    return undefined;
  }
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (wasm.length < 8 || magic.some((b, i) => wasm[i] !== b)) return undefined;
  let at = 8;
  const leb = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= wasm.length || shift > 28) throw new RangeError('truncated LEB128');
      const b = wasm[at++]!;
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
  };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    while (at < wasm.length) {
      const id = wasm[at++];
      const size = leb();
      const end = at + size;
      if (end > wasm.length) return undefined;
      if (id === 0) {
        const nameLength = leb();
        const name = decoder.decode(wasm.subarray(at, at + nameLength));
        if (name === FLAVOR_SECTION) return decoder.decode(wasm.subarray(at + nameLength, end));
      }
      at = end;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
