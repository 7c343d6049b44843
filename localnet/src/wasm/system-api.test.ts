import { describe, expect, it } from 'vitest';
import { CanisterRuntime } from './runtime.js';
import { ctx, op, tinyWasm, type TinyImport } from './test-support.js';

const imports: TinyImport[] = [
  { name: 'msg_reply', params: [], results: [] }, // 0
  { name: 'msg_reply_data_append', params: ['i32', 'i32'], results: [] }, // 1
  { name: 'call_cycles_add128', params: ['i64', 'i64'], results: [] }, // 2
  {
    name: 'call_new',
    params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
    results: [],
  }, // 3
  { name: 'call_perform', params: [], results: ['i32'] }, // 4
  { name: 'debug_print', params: ['i32', 'i32'], results: [] }, // 5
  { name: 'stable64_grow', params: ['i64'], results: ['i64'] }, // 6
  { name: 'stable64_write', params: ['i64', 'i64', 'i64'], results: [] }, // 7
];
const callNew = [
  ...op.i32(0),
  ...op.i32(0),
  ...op.i32(0),
  ...op.i32(1),
  ...op.i32(3),
  ...op.i32(5),
  ...op.i32(3),
  ...op.i32(6),
  ...op.call(3),
];

const wasm = tinyWasm(imports, [
  { export: 'canister_update twice', body: [...op.call(0), ...op.call(0)] },
  { export: 'canister_update oob', body: [...op.i32(-16), ...op.i32(100), ...op.call(1)] },
  // Grows the heap, bumps the global, writes a heap byte, then traps.
  {
    export: 'canister_update grow_then_trap',
    body: [
      ...op.i32(1),
      ...op.memoryGrow,
      ...op.drop,
      ...op.i32(42),
      ...op.globalSet,
      ...op.i32(0),
      ...op.i32(9),
      ...op.i32Store8(0),
      ...op.unreachable,
    ],
  },
  { export: 'canister_update bump', body: [...op.i32(42), ...op.globalSet, ...op.call(0)] },
  {
    export: 'canister_update call_rich',
    body: [
      ...callNew,
      ...op.i64(0),
      ...op.i64(1_000_000),
      ...op.call(2),
      ...op.call(4),
      ...op.drop,
    ],
  },
  {
    export: 'canister_update call_ok',
    body: [
      ...callNew,
      ...op.i64(0),
      ...op.i64(10),
      ...op.call(2),
      ...op.call(4),
      ...op.drop,
      ...op.call(0),
    ],
  },
  { export: 'canister_init', body: [...op.call(0)] },
  {
    export: 'canister_query print_oob',
    body: [...op.i32(-16), ...op.i32(100), ...op.call(5), ...op.call(0)],
  },
  { takesEnv: true, body: [...op.call(0)] }, // table slot 8: a reply callback
  {
    export: 'canister_update stable_oob',
    body: [
      ...op.i64(1),
      ...op.call(6),
      ...op.drop,
      ...op.i64(65_535),
      ...op.i64(0),
      ...op.i64(2),
      ...op.call(7),
    ],
  },
]);

const load = (): Promise<CanisterRuntime> => CanisterRuntime.load(wasm);

describe('System API contract checks (hand-assembled module)', () => {
  it('msg_reply twice traps with IC0504', async () => {
    const r = (await load()).execute('update', 'canister_update twice', ctx());
    expect(r.trap?.errorCode).toBe('IC0504');
    expect(r.trap?.message).toContain('ic0.msg_reply: the call is already replied');
  });

  it('msg_reply in canister_init is not allowed', async () => {
    const r = (await load()).execute('init', 'canister_init', ctx());
    expect(r.trap?.message).toContain('"ic0_msg_reply" cannot be executed in init mode');
  });

  it('a callback may not reply when the call context was already replied', async () => {
    const rt = await load();
    expect(rt.execute('reply_callback', { fn: 8, env: 0 }, ctx()).reply).toEqual(new Uint8Array(0));
    const r = rt.execute('reply_callback', { fn: 8, env: 0 }, ctx({ callContextReplied: true }));
    expect(r.trap?.errorCode).toBe('IC0504');
    expect(rt.execute('reply_callback', { fn: 999, env: 0 }, ctx()).trap?.message).toContain(
      'table out of bounds',
    );
  });

  it('out-of-bounds pointers given to ic0 trap; debug_print never does', async () => {
    const rt = await load();
    expect(rt.execute('update', 'canister_update oob', ctx()).trap?.message).toContain(
      'exceeds the slice size',
    );
    const p = rt.execute('query', 'canister_query print_oob', ctx({ replicated: false }));
    expect(p.trap).toBeUndefined();
    expect(p.logs[0]).toContain('outside');
  });

  it('stable memory access past its size traps and the growth is rolled back', async () => {
    const rt = await load();
    const r = rt.execute('update', 'canister_update stable_oob', ctx());
    expect(r.trap?.message).toContain('Canister trapped: stable memory out of bounds');
    expect(rt.stable.sizePages).toBe(0n);
  });

  it('a trap after memory.grow restores heap size, bytes and globals, and the instance keeps working', async () => {
    const rt = await load();
    const heapBefore = rt.memoryStats().heapBytes;
    const r = rt.execute('update', 'canister_update grow_then_trap', ctx());
    expect(r.trap?.errorCode).toBe('IC0502');
    expect(r.trap?.message).toContain('Canister trapped: unreachable.');
    expect(rt.memoryStats().heapBytes).toBe(heapBefore);
    const snap = rt.snapshot();
    expect(snap.heap[0]).toBe(0);
    expect(snap.globals).toEqual([0]);
    expect(rt.execute('update', 'canister_update bump', ctx()).trap).toBeUndefined();
    expect(rt.snapshot().globals).toEqual([42]);
  });

  it('call_cycles_add128 beyond the balance traps; within it the call carries the cycles', async () => {
    const rt = await load();
    const rich = rt.execute('update', 'canister_update call_rich', ctx({ cyclesBalance: 999n }));
    expect(rich.trap?.errorCode).toBe('IC0504');
    expect(rich.calls).toEqual([]);
    const ok = rt.execute('update', 'canister_update call_ok', ctx({ cyclesBalance: 999n }));
    expect(ok.trap).toBeUndefined();
    expect(ok.calls).toHaveLength(1);
    expect(ok.calls[0]).toMatchObject({
      cycles: 10n,
      reply: { fn: 3, env: 5 },
      reject: { fn: 3, env: 6 },
    });
    expect(ok.cyclesSpent).toBe(10n);
  });
});
