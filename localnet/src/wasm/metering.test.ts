import { IDL } from '@dfinity/candid';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureWasm } from '../testing/fixtures.js';
import { IC_INSTRUCTION_LIMITS, instructionLimitFor } from './metering.js';
import { CanisterRuntime, type RuntimeSnapshot } from './runtime.js';
import { CONTROLLER, candid, ctx, decode, op, tinyWasm, withStart } from './test-support.js';

const I64_STORE = (offset: number): number[] => [0x37, 0x03, offset];

/**
 * Imports 0-3: performance_counter, msg_reply_data_append, msg_reply, debug_print.
 * Functions: `canister_update counters` replies with performance_counter(0) twice and (1) once
 * (three little-endian u64); `canister_update spin` writes a byte then loops forever;
 * `canister_update print` prints 1000 bytes.
 */
const probe = tinyWasm(
  [
    { name: 'performance_counter', params: ['i32'], results: ['i64'] },
    { name: 'msg_reply_data_append', params: ['i32', 'i32'], results: [] },
    { name: 'msg_reply', params: [], results: [] },
    { name: 'debug_print', params: ['i32', 'i32'], results: [] },
  ],
  [
    {
      export: 'canister_update counters',
      body: [
        ...op.i32(0),
        ...op.i32(0),
        ...op.call(0),
        ...I64_STORE(0),
        ...op.i32(0),
        ...op.i32(0),
        ...op.call(0),
        ...I64_STORE(8),
        ...op.i32(0),
        ...op.i32(1),
        ...op.call(0),
        ...I64_STORE(16),
        ...op.i32(0),
        ...op.i32(24),
        ...op.call(1),
        ...op.call(2),
      ],
    },
    {
      export: 'canister_update spin',
      body: [...op.i32(100), ...op.i32(1), ...op.i32Store8(0), 0x03, 0x40, 0x0c, 0x00, 0x0b],
    },
    {
      export: 'canister_query spin_query',
      body: [0x03, 0x40, 0x0c, 0x00, 0x0b],
    },
    { export: 'canister_update print', body: [...op.i32(0), ...op.i32(1000), ...op.call(3)] },
  ],
);

const u64s = (b: Uint8Array | undefined): bigint[] => {
  const v = new DataView(b!.buffer, b!.byteOffset, b!.byteLength);
  return Array.from({ length: b!.length / 8 }, (_, i) => v.getBigUint64(i * 8, true));
};

describe('instruction counting in the runtime', () => {
  it("the IC's limits by message kind", () => {
    expect(IC_INSTRUCTION_LIMITS).toEqual({
      update: 40_000_000_000n,
      query: 5_000_000_000n,
      install: 300_000_000_000n,
    });
    expect(instructionLimitFor('query')).toBe(5_000_000_000n);
    expect(instructionLimitFor('reply_callback')).toBe(40_000_000_000n);
    expect(instructionLimitFor('post_upgrade')).toBe(300_000_000_000n);
  });

  it('performance_counter is monotonic and counts what was executed, ic0 overheads included', async () => {
    const rt = await CanisterRuntime.load(probe);
    const r = rt.execute(
      'update',
      'canister_update counters',
      ctx({ callContextInstructions: 7n }),
    );
    expect(r.trap).toBeUndefined();
    const [first, second, callContext] = u64s(r.reply);
    // The straight-line body is charged on entry, so the first read already includes it and the
    // second adds only performance_counter's own overhead (200 instructions on the IC).
    expect(first).toBeGreaterThan(0n);
    expect(second! - first!).toBe(200n);
    // Type 1 adds what earlier messages of the call context used; it also costs 200.
    expect(callContext! - 7n - second!).toBe(200n);
    // Then msg_reply_data_append (500 + 50 per byte) and msg_reply (500).
    expect(r.instructions).toBe(callContext! - 7n + 500n + 50n * 24n + 500n);
    // The same message from the same state counts the same.
    expect(rt.execute('update', 'canister_update counters', ctx()).instructions).toBe(
      r.instructions,
    );
  });

  it('charges debug_print 100 plus its bytes', async () => {
    const rt = await CanisterRuntime.load(probe);
    const r = rt.execute('update', 'canister_update print', ctx());
    // entry 1 + two consts + call 5, then the host's 100 + 1000
    expect(r.instructions).toBe(8n + 1100n);
  });

  it('an infinite loop stops at its limit with IC0522, is rolled back, and the runtime goes on', async () => {
    const rt = await CanisterRuntime.load(probe);
    const r = rt.execute('update', 'canister_update spin', ctx({ instructionLimit: 1_000_000n }));
    expect(r.trap).toEqual({
      errorCode: 'IC0522',
      message: expect.stringContaining(
        'Error from Canister lxzze-o7777-77777-aaaaa-cai: Canister exceeded the limit of 1000000 instructions for single message execution..\nTry optimizing this method',
      ),
    });
    expect(r.instructions).toBe(1_000_000n);
    // The byte written before the loop is gone.
    expect(rt.snapshot().heap[100]).toBe(0);
    expect(rt.execute('update', 'canister_update print', ctx()).trap).toBeUndefined();
  });

  it('a query gets the query limit unless told otherwise', async () => {
    const rt = await CanisterRuntime.load(probe);
    const r = rt.execute(
      'query',
      'canister_query spin_query',
      ctx({ replicated: false, instructionLimit: 50_000n }),
    );
    expect(r.trap?.message).toContain('exceeded the limit of 50000 instructions');
  });

  it('install stages share one limit: used-before instructions count against it', async () => {
    const rt = await CanisterRuntime.load(probe);
    const r = rt.execute(
      'update',
      'canister_update print',
      ctx({ instructionLimit: 2_000n, instructionsUsedBefore: 1_000n }),
    );
    // 1108 would fit in 2000 but not in the 1000 left; the message reports the whole limit.
    expect(r.trap?.message).toContain('exceeded the limit of 2000 instructions');
    expect(r.instructions).toBe(1_000n);
  });
});

describe('a wasm start function', () => {
  // Function 0 (the start) writes 'S' at address 0; `canister_update show` prints that byte.
  const module = (start: number[]) =>
    withStart(
      tinyWasm(
        [{ name: 'debug_print', params: ['i32', 'i32'], results: [] }],
        [
          { body: start },
          { export: 'canister_update show', body: [...op.i32(0), ...op.i32(1), ...op.call(0)] },
        ],
      ),
      1, // function 0 is the import
    );

  it('runs once at load, metered, before any message', async () => {
    const rt = await CanisterRuntime.load(
      module([...op.i32(0), ...op.i32(0x53), ...op.i32Store8(0)]),
    );
    expect(rt.execute('update', 'canister_update show', ctx()).logs).toEqual(['S']);
  });

  it('an endless start function fails the load at its limit', async () => {
    await expect(
      CanisterRuntime.load(module([0x03, 0x40, 0x0c, 0x00, 0x0b]), {
        startInstructionLimit: 10_000n,
      }),
    ).rejects.toThrow(/instruction limit/);
  });
});

describe('instruction counting on the Azle fixture', () => {
  let initialized: RuntimeSnapshot;
  let initInstructions: bigint;
  beforeAll(async () => {
    const rt = await CanisterRuntime.load(fixtureWasm());
    const init = rt.execute(
      'init',
      'canister_init',
      ctx({ caller: CONTROLLER, arg: candid([IDL.Nat64], [7n]) }),
    );
    initInstructions = init.instructions;
    initialized = rt.snapshot();
  });
  const fresh = async (): Promise<CanisterRuntime> => {
    const rt = await CanisterRuntime.load(fixtureWasm());
    rt.restore(initialized);
    return rt;
  };

  it('counts are deterministic: the same message from the same state counts the same', async () => {
    expect(initInstructions).toBeGreaterThan(100_000_000n);
    const a = await fresh();
    const b = await fresh();
    const inc = (rt: CanisterRuntime) => rt.execute('update', 'canister_update inc', ctx());
    const first = inc(a);
    expect(first.instructions).toBeGreaterThan(10_000n);
    expect(inc(b).instructions).toBe(first.instructions);
    const get = (rt: CanisterRuntime) =>
      rt.execute('query', 'canister_query get', ctx({ replicated: false })).instructions;
    expect(get(a)).toBe(get(a));
    expect(get(a)).toBe(get(b));
  });

  it("performance_counter inside the canister is below the message's total and repeatable", async () => {
    const rt = await fresh();
    const info = () => {
      const r = rt.execute('query', 'canister_query info', ctx({ replicated: false }));
      const [v] = decode([IDL.Record({ instructions: IDL.Nat64 })], r.reply) as [
        { instructions: bigint },
      ];
      return { inside: v.instructions, total: r.instructions };
    };
    const a = info();
    expect(a.inside).toBeGreaterThan(0n);
    expect(a.inside).toBeLessThan(a.total);
    expect(info()).toEqual(a);
  });

  it('an Azle update over its limit traps with IC0522 and leaves the state as it was', async () => {
    const rt = await fresh();
    const over = rt.execute('update', 'canister_update inc', ctx({ instructionLimit: 100_000n }));
    expect(over.trap?.errorCode).toBe('IC0522');
    const get = rt.execute('query', 'canister_query get', ctx({ replicated: false }));
    expect(decode([IDL.Nat64], get.reply)[0]).toBe(0n);
    const inc = rt.execute('update', 'canister_update inc', ctx());
    expect(decode([IDL.Nat64], inc.reply)[0]).toBe(1n);
  });
});
