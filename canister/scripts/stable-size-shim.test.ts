import binaryen from 'binaryen';
import { describe, expect, it } from 'vitest';
import { StableSizeShimError, routeCanisterVersionToStableSize } from './stable-size-shim.js';

// The tsconfig has no DOM lib, so Node's WebAssembly global is typed here, as far as used.
interface WasmModule {
  readonly brand?: unique symbol;
}
const Wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Module: {
        new (bytes: Uint8Array): WasmModule;
        imports(m: WasmModule): { module: string; name: string }[];
      };
      instantiate(m: WasmModule, imports: object): Promise<{ exports: Record<string, unknown> }>;
    };
  }
).WebAssembly;

/** A module shaped like Azle's: a binding function that calls the canister_version import. */
function sampleModule({ importStableSize }: { importStableSize: boolean }): Uint8Array {
  const m = new binaryen.Module();
  m.addFunctionImport('version', 'ic0', 'canister_version', binaryen.none, binaryen.i64);
  if (importStableSize)
    m.addFunctionImport('size', 'ic0', 'stable64_size', binaryen.none, binaryen.i64);
  m.addFunction('binding', binaryen.none, binaryen.i64, [], m.call('version', [], binaryen.i64));
  m.addFunctionExport('binding', 'binding');
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

async function binding(wasm: Uint8Array): Promise<bigint> {
  const ic0: Record<string, () => bigint> = { stable64_size: () => 129n };
  const module = new Wasm.Module(wasm);
  // Provide canister_version only when the module still asks for it.
  if (Wasm.Module.imports(module).some((i) => i.name === 'canister_version'))
    ic0.canister_version = () => 3n;
  const instance = await Wasm.instantiate(module, { ic0 });
  return (instance.exports.binding as () => bigint)();
}

describe('routeCanisterVersionToStableSize', () => {
  it('without the shim the binding answers the canister version', async () => {
    expect(await binding(sampleModule({ importStableSize: true }))).toBe(3n);
  });

  for (const importStableSize of [true, false]) {
    it(`the shimmed binding answers stable64_size (stable64_size ${importStableSize ? 'already imported' : 'added'})`, async () => {
      const shimmed = routeCanisterVersionToStableSize(sampleModule({ importStableSize }));
      expect(await binding(shimmed)).toBe(129n);
      const imports = Wasm.Module.imports(new Wasm.Module(shimmed));
      expect(imports.map((i) => `${i.module}.${i.name}`)).toEqual(['ic0.stable64_size']);
    });
  }

  it('refuses input it cannot patch, with a typed error', () => {
    expect(() => routeCanisterVersionToStableSize(new Uint8Array([1, 2, 3]))).toThrow(
      StableSizeShimError,
    );
    const once = routeCanisterVersionToStableSize(sampleModule({ importStableSize: true }));
    expect(() => routeCanisterVersionToStableSize(once)).toThrow(/already shimmed/);
  });
});
