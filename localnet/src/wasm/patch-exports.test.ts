import { describe, expect, it } from 'vitest';
import { fixtureWasm } from '../testing/fixtures.js';
import { WasmParseError } from './errors.js';
import { TABLE_EXPORT, globalExportName, patchExports } from './patch-exports.js';
import { tinyWasm } from './test-support.js';

describe('patchExports', () => {
  it('exports the table and every mutable global of the Azle fixture, keeping its exports', () => {
    const raw = fixtureWasm();
    const p = patchExports(raw);
    expect(p.tableExport).toBe(TABLE_EXPORT);
    expect(p.globalExports).toEqual([globalExportName(0)]);
    expect(p.hasStart).toBe(false);
    const before = WebAssembly.Module.exports(new WebAssembly.Module(raw)).map((e) => e.name);
    const after = WebAssembly.Module.exports(new WebAssembly.Module(p.bytes));
    expect(after.map((e) => e.name)).toEqual([...before, TABLE_EXPORT, globalExportName(0)]);
    expect(after.find((e) => e.name === TABLE_EXPORT)?.kind).toBe('table');
  });

  it('works on a minimal module', () => {
    const p = patchExports(tinyWasm([], [{ export: 'canister_update x', body: [] }]));
    const names = WebAssembly.Module.exports(new WebAssembly.Module(p.bytes)).map((e) => e.name);
    expect(names).toEqual(['memory', 'canister_update x', TABLE_EXPORT, globalExportName(0)]);
  });

  it('rejects non-wasm and gzipped input', () => {
    expect(() => patchExports(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).toThrow(
      WasmParseError,
    );
    expect(() => patchExports(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 7, 50]))).toThrow(
      WasmParseError,
    );
  });
});
