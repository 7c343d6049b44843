import { describe, expect, it } from 'vitest';
import { fixtureWasm } from '../testing/fixtures.js';
import { COUNTER_EXPORT, START_EXPORT, instrument } from './instrument.js';
import { WasmParseError } from './errors.js';
import { patchExports } from './patch-exports.js';
import { op, tinyWasm, withStart } from './test-support.js';

/** Instantiates an instrumented module and runs `name` with `budget`; returns what it used. */
function run(
  wasm: Uint8Array,
  name: string,
  budget = 1_000_000n,
  arg?: number,
): { used: bigint; left: bigint; error?: unknown } {
  const m = instrument(wasm);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(m.bytes), {});
  const counter = instance.exports[m.counterExport] as WebAssembly.Global;
  counter.value = budget;
  let error: unknown;
  try {
    (instance.exports[name] as (a?: number) => void)(arg);
  } catch (e) {
    error = e;
  }
  const left = counter.value as bigint;
  return { used: budget - left, left, ...(error ? { error } : {}) };
}

const loopCountingDown = [
  ...[0x02, 0x40], // block
  ...[0x03, 0x40], // loop
  ...[0x20, 0x00, 0x45, 0x0d, 0x01], // local.get 0; i32.eqz; br_if 1
  ...[0x20, 0x00, ...op.i32(1), 0x6b, 0x21, 0x00], // local.get 0; i32.const 1; i32.sub; local.set 0
  ...[0x0c, 0x00], // br 0
  ...[0x0b, 0x0b], // end; end
];

describe('instrument', () => {
  it('keeps every export and import of the Azle fixture, adds the counter, and compiles', () => {
    const patched = patchExports(fixtureWasm()).bytes;
    const m = instrument(patched);
    const before = new WebAssembly.Module(patched);
    const after = new WebAssembly.Module(m.bytes);
    expect(WebAssembly.Module.imports(after)).toEqual(WebAssembly.Module.imports(before));
    expect(WebAssembly.Module.exports(after)).toEqual([
      ...WebAssembly.Module.exports(before),
      { name: COUNTER_EXPORT, kind: 'global' },
    ]);
    expect(m.startExport).toBeUndefined();
    expect(m.chargePoints).toBeGreaterThan(10_000);
  });

  it("charges a straight-line function its instructions at the IC's costs, plus one on entry", () => {
    const wasm = tinyWasm(
      [],
      [
        { export: 'two', body: [...op.i32(1), ...op.drop] },
        // i32.const 7 (1), i32.const 2 (1), i32.div_u (10), drop (1)
        { export: 'div', body: [...op.i32(7), ...op.i32(2), 0x6e, ...op.drop] },
        // global.get (2), global.set (2), memory.size (20), drop (1)
        { export: 'globals', body: [...op.globalGet, ...op.globalSet, 0x3f, 0x00, ...op.drop] },
        { export: 'empty', body: [] },
      ],
    );
    expect(run(wasm, 'two').used).toBe(3n);
    expect(run(wasm, 'div').used).toBe(14n);
    expect(run(wasm, 'globals').used).toBe(26n);
    expect(run(wasm, 'empty').used).toBe(1n);
  });

  it('charges a call 5 plus the callee', () => {
    const wasm = tinyWasm(
      [],
      [
        { body: [...op.i32(1), ...op.drop] }, // 3
        { export: 'caller', body: op.call(0) }, // 1 + 5, then the callee
      ],
    );
    expect(run(wasm, 'caller').used).toBe(9n);
  });

  it('charges each loop iteration: the count grows linearly and is the same every time', () => {
    const wasm = tinyWasm([], [{ export: 'loop', takesEnv: true, body: loopCountingDown }]);
    // entry 1; per iteration: header block 4 (local.get, eqz, br_if) + body 6; last header 4.
    expect(run(wasm, 'loop', 1_000_000n, 0).used).toBe(5n);
    expect(run(wasm, 'loop', 1_000_000n, 10).used).toBe(105n);
    expect(run(wasm, 'loop', 1_000_000n, 1000).used).toBe(10_005n);
    expect(run(wasm, 'loop', 1_000_000n, 1000).used).toBe(10_005n);
  });

  it('stops an infinite loop at its budget with a negative counter', () => {
    const wasm = tinyWasm([], [{ export: 'spin', body: [0x03, 0x40, 0x0c, 0x00, 0x0b] }]);
    const r = run(wasm, 'spin', 10_000n);
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(r.left).toBeLessThan(0n);
    // The check sits at the loop header: it trips on the first iteration past the budget.
    expect(r.left).toBeGreaterThan(-3n);
  });

  it('charges bulk memory by its length at run time', () => {
    const fill = (n: number) => [...op.i32(0), ...op.i32(0), ...op.i32(n), 0xfc, 0x0b, 0x00];
    const copy = (n: number) => [
      ...op.i32(0),
      ...op.i32(100),
      ...op.i32(n),
      0xfc,
      0x0a,
      0x00,
      0x00,
    ];
    const wasm = tinyWasm(
      [],
      [
        { export: 'fill', body: fill(1000) },
        { export: 'fill0', body: fill(0) },
        { export: 'copy', body: copy(4096) },
      ],
    );
    // entry 1 + three consts + memory.fill 100, then the length
    expect(run(wasm, 'fill').used).toBe(104n + 1000n);
    expect(run(wasm, 'fill0').used).toBe(104n);
    expect(run(wasm, 'copy').used).toBe(104n + 4096n);
    // A length past the budget stops before the copy happens.
    expect(run(wasm, 'copy', 1000n).error).toBeInstanceOf(WebAssembly.RuntimeError);
  });

  it('exports the start function instead of running it at instantiation', () => {
    const wasm = withStart(tinyWasm([], [{ body: [...op.i32(1), ...op.globalSet] }]), 0);
    const m = instrument(wasm);
    expect(m.startExport).toBe(START_EXPORT);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(m.bytes), {});
    const counter = instance.exports[m.counterExport] as WebAssembly.Global;
    counter.value = 100n;
    (instance.exports[START_EXPORT] as () => void)();
    expect(counter.value).toBe(100n - 4n); // entry 1, i32.const 1, global.set 2
  });

  it('refuses code it cannot meter (exception handling) with a parse error', () => {
    const wasm = tinyWasm([], [{ export: 'f', body: [0x06, 0x40, 0x0b] }]);
    expect(() => instrument(wasm)).toThrow(WasmParseError);
  });
});
