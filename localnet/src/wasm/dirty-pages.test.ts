import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';
import { fixtureWasm } from '../testing/fixtures.js';
import { DirtyPages } from './dirty-pages.js';
import { instrument } from './instrument.js';
import { patchExports } from './patch-exports.js';
import { CanisterRuntime } from './runtime.js';
import {
  CONTROLLER,
  MiniReplica,
  candid,
  ctx,
  op,
  tinyWasm,
  type TinyImport,
} from './test-support.js';

const imports: TinyImport[] = [
  { name: 'msg_reply', params: [], results: [] }, // 0
  { name: 'msg_reply_data_append', params: ['i32', 'i32'], results: [] }, // 1
  { name: 'msg_arg_data_copy', params: ['i32', 'i32', 'i32'], results: [] }, // 2
  { name: 'stable64_grow', params: ['i64'], results: ['i64'] }, // 3
  { name: 'stable64_write', params: ['i64', 'i64', 'i64'], results: [] }, // 4
];

const ARG_AT = 30_000;
const argValue = [...op.i32(ARG_AT), 0x28, 0x02, 0x00]; // i32.load (the 4 argument bytes)
/**
 * Writes the message's 4-byte argument V all over the heap: a host copy to 30000, i32.store8 at
 * 100, an i64.store at 4094 that crosses into the next 4 KiB page, memory.fill of 5000 bytes at
 * 8192, memory.copy to 20000, f64.store at 50000, the global, and stable memory bytes 0..4.
 */
const scribble = [
  ...[...op.i32(ARG_AT), ...op.i32(0), ...op.i32(4), ...op.call(2)],
  ...[...op.i32(0), ...argValue, 0x3a, 0x00, 0x64], // i32.store8 offset=100
  ...[...op.i32(4094), ...argValue, 0xad, 0x37, 0x03, 0x00], // i64.extend_i32_u; i64.store
  ...[...op.i32(8192), ...argValue, ...op.i32(5000), 0xfc, 0x0b, 0x00], // memory.fill
  ...[...op.i32(20_000), ...op.i32(ARG_AT), ...op.i32(4), 0xfc, 0x0a, 0x00, 0x00], // memory.copy
  ...[...op.i32(50_000), ...argValue, 0xb8, 0x39, 0x03, 0x00], // f64.convert_i32_u; f64.store
  ...[...argValue, ...op.globalSet],
  ...[...op.i64(1), ...op.call(3), ...op.drop], // stable64_grow(1)
  ...[...op.i64(0), ...op.i64(ARG_AT), ...op.i64(4), ...op.call(4)], // stable64_write(0, 30000, 4)
];
const wasm = tinyWasm(imports, [
  { export: 'canister_update scribble', body: [...scribble, ...op.call(0)] },
  { export: 'canister_query scribble', body: [...scribble, ...op.call(0)] },
  {
    // Grows the heap by a page and writes into it too.
    export: 'canister_query grow_scribble',
    body: [
      ...[...op.i32(1), ...op.memoryGrow, ...op.drop],
      ...[...op.i32(70_000), ...op.i32(7), 0x36, 0x02, 0x00],
      ...scribble,
      ...op.call(0),
    ],
  },
  {
    // Replies with the first 64 KiB of the heap and the global (written at 65532 first).
    export: 'canister_query dump',
    body: [
      ...[...op.i32(65_532), ...op.globalGet, 0x36, 0x02, 0x00],
      ...[...op.i32(0), ...op.i32(65_536), ...op.call(1), ...op.call(0)],
    ],
  },
]);

const bytes4 = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('dirty-page tracking', () => {
  it('a query writing through stores, bulk memory, host copies, memory.grow and stable memory changes nothing; an update commits all of it', async () => {
    const rt = await CanisterRuntime.load(wasm);
    const run = (kind: 'update' | 'query', method: string, arg = bytes4(0, 0, 0, 0)) => {
      const r = rt.execute(kind, `canister_${kind} ${method}`, ctx({ arg }));
      expect(r.trap).toBeUndefined();
      return r;
    };
    const dump = (): Uint8Array => run('query', 'dump').reply!;
    const before = dump();

    run('query', 'scribble', bytes4(1, 2, 3, 4));
    // Pages 0, 2, 3, 4, 7 and 12 of sixteen: not the whole heap.
    expect(rt.lastCopiedPages).toBe(6);
    expect(dump()).toEqual(before);
    expect(rt.stable.sizePages).toBe(0n);

    run('update', 'scribble', bytes4(5, 6, 7, 8));
    const after = dump();
    expect(after[100]).toBe(5);
    // The i64 store at 4094 ends in the next 4 KiB page, which only the overhang copy carries.
    expect([...after.subarray(4094, 4100)]).toEqual([5, 6, 7, 8, 0, 0]);
    expect(after.subarray(8192, 13_192).every((b) => b === 5)).toBe(true);
    expect(after[13_192]).toBe(0);
    expect([...after.subarray(20_000, 20_004)]).toEqual([5, 6, 7, 8]);
    expect([...after.subarray(ARG_AT, ARG_AT + 4)]).toEqual([5, 6, 7, 8]);
    expect(new DataView(after.buffer, after.byteOffset).getFloat64(50_000, true)).toBe(0x08070605);
    expect(new DataView(after.buffer, after.byteOffset).getUint32(65_532, true)).toBe(0x08070605);
    expect([...rt.stable.toBytes().subarray(0, 4)]).toEqual([5, 6, 7, 8]);

    for (const method of ['scribble', 'grow_scribble']) {
      run('query', method, bytes4(9, 9, 9, 9));
      expect(dump()).toEqual(after);
      expect(rt.memoryStats().heapBytes).toBe(65_536);
      expect(rt.stable.sizePages).toBe(1n);
      expect([...rt.stable.toBytes().subarray(0, 4)]).toEqual([5, 6, 7, 8]);
    }
  });

  it('keeps the live heap equal to the committed one through Azle updates, queries and traps', async () => {
    const rt = await CanisterRuntime.load(fixtureWasm());
    rt.execute(
      'init',
      'canister_init',
      ctx({ caller: CONTROLLER, arg: candid([IDL.Nat64], [7n]) }),
    );
    const net = new MiniReplica(rt);
    const live = (): Uint8Array =>
      new Uint8Array((rt as unknown as { memory: WebAssembly.Memory }).memory.buffer);
    const steps: [string, () => unknown][] = [
      ['inc', () => net.run('update', 'canister_update inc')],
      ['get', () => net.run('query', 'canister_query get')],
      [
        'put',
        () =>
          net.run('update', 'canister_update put', {
            arg: candid([IDL.Text, IDL.Text], ['k', 'v'.repeat(5000)]),
          }),
      ],
      ['read', () => net.run('query', 'canister_query read', { arg: candid([IDL.Text], ['k']) })],
      [
        'putThenTrap',
        () => net.run('update', 'canister_update putThenTrap', { arg: candid([IDL.Text], ['x']) }),
      ],
    ];
    for (const [name, step] of steps) {
      step();
      expect(rt.lastCopiedPages, name).toBeLessThan(live().length / 4096 / 4);
      expect(Buffer.compare(live(), rt.snapshot().heap), name).toBe(0);
    }
  });

  it('does not change the instructions a message counts', () => {
    const patched = patchExports(wasm).bytes;
    const used = (dirtyPages: boolean): bigint => {
      const m = instrument(patched, { dirtyPages });
      expect(m.markPoints > 0).toBe(dirtyPages);
      const stub = () => {};
      const instance = new WebAssembly.Instance(new WebAssembly.Module(m.bytes), {
        ic0: {
          msg_reply: stub,
          msg_arg_data_copy: stub,
          stable64_grow: () => 0n,
          stable64_write: stub,
          msg_reply_data_append: stub,
        },
      });
      if (m.dirty) {
        new DirtyPages().attach(
          instance.exports[m.dirty.tableExport] as WebAssembly.Table,
          m.dirty.lastExports.map((name) => instance.exports[name] as WebAssembly.Global),
        );
      }
      const counter = instance.exports[m.counterExport] as WebAssembly.Global;
      counter.value = 1_000_000n;
      (instance.exports['canister_query grow_scribble'] as () => void)();
      return 1_000_000n - (counter.value as bigint);
    };
    expect(used(true)).toBe(used(false));
    expect(used(true)).toBeGreaterThan(5000n); // the bulk operations' bytes are counted
  });
});
