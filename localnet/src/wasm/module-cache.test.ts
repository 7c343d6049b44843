import { describe, expect, it } from 'vitest';
import { InvalidModuleError } from './errors.js';
import { compileCanister, compiledModuleCount } from './module-cache.js';
import { tinyWasm } from './test-support.js';

describe('compileCanister', () => {
  it('compiles each distinct wasm once', async () => {
    const wasm = tinyWasm([], [{ export: 'canister_query q', body: [] }]);
    const n = compiledModuleCount();
    const [a, b] = await Promise.all([compileCanister(wasm), compileCanister(wasm.slice())]);
    expect(a).toBe(b);
    expect(compiledModuleCount()).toBe(n + 1);
    expect(a.interface.queries).toEqual(['q']);
    expect(a.interface.hasInit).toBe(false);
  });

  it('refuses modules importing what the host lacks, and does not cache failures', async () => {
    const wasm = tinyWasm([{ name: 'no_such_api', params: [], results: [] }], []);
    const n = compiledModuleCount();
    await expect(compileCanister(wasm)).rejects.toThrow(InvalidModuleError);
    await expect(compileCanister(wasm)).rejects.toThrow(/ic0\.no_such_api/);
    await new Promise((r) => setTimeout(r, 0));
    expect(compiledModuleCount()).toBe(n);
  });
});
