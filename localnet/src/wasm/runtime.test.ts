import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureWasm } from '../testing/fixtures.js';
import { RuntimeUsageError } from './errors.js';
import { compiledModuleCount } from './module-cache.js';
import { CanisterRuntime, type RuntimeSnapshot } from './runtime.js';
import {
  CANISTER_ID,
  CONTROLLER,
  MiniReplica,
  T0,
  USER,
  candid,
  ctx,
  decode,
} from './test-support.js';

const wasm = fixtureWasm();
let initialized: RuntimeSnapshot;
let initResult: ReturnType<CanisterRuntime['execute']>;

/** A runtime in the state right after canister_init(7), without paying for init again. */
async function fresh(): Promise<{ rt: CanisterRuntime; net: MiniReplica }> {
  const rt = await CanisterRuntime.load(wasm);
  rt.restore(initialized);
  const net = new MiniReplica(rt);
  net.timer = initResult.globalTimer ?? 0n;
  return { rt, net };
}

const nat64 = (net: MiniReplica, method: string, kind: 'update' | 'query' = 'query'): bigint =>
  decode([IDL.Nat64], net.run(kind, `canister_${kind} ${method}`).reply)[0] as bigint;
const readKey = (net: MiniReplica, k: string): unknown =>
  decode(
    [IDL.Opt(IDL.Text)],
    net.run('query', 'canister_query read', { arg: candid([IDL.Text], [k]) }).reply,
  )[0];
const hook = (net: MiniReplica, name: string): unknown =>
  decode(
    [IDL.Opt(IDL.Nat64)],
    net.run('query', 'canister_query hook', { arg: candid([IDL.Text], [name]) }).reply,
  )[0];

beforeAll(async () => {
  const rt = await CanisterRuntime.load(wasm);
  initResult = rt.execute(
    'init',
    'canister_init',
    ctx({ caller: CONTROLLER, arg: candid([IDL.Nat64], [7n]) }),
  );
  initialized = rt.snapshot();
});

describe('CanisterRuntime with the Azle fixture', () => {
  it('reads the interface from the export section', async () => {
    const { rt } = await fresh();
    expect(rt.interface.updates).toContain('inc');
    expect(rt.interface.queries).toEqual(expect.arrayContaining(['get', 'read', 'info']));
    expect(rt.interface.hasInit && rt.interface.hasPreUpgrade && rt.interface.hasPostUpgrade).toBe(
      true,
    );
    expect(rt.interface.hasGlobalTimer).toBe(true);
    expect(rt.interface.hasHeartbeat).toBe(false);
    // Azle leaves candid metadata to dfx, so the raw wasm has none.
    expect(rt.customSection('icp:public candid:service')).toBeUndefined();
  });

  it('init runs with its argument, seeds randomness through a timer due now, and makes no call', async () => {
    expect(initResult.trap).toBeUndefined();
    expect(initResult.calls).toEqual([]);
    expect(initResult.globalTimer).toBe(T0);
    const { net, rt } = await fresh();
    expect(nat64(net, 'getInitArg')).toBe(7n);
    expect(hook(net, 'init')).toEqual([7n]);
    expect(rt.memoryStats().heapBytes).toBeGreaterThan(1_000_000);
  });

  it('the init timer self-calls the timer executor, which calls raw_rand; the reply is delivered', async () => {
    const { net } = await fresh();
    net.tick();
    const methods = net.trail.map((t) => t.kind);
    expect(methods).toEqual(['global_timer', 'update', 'reply_callback', 'reply_callback']);
    expect(net.trail.every((t) => t.result.trap === undefined)).toBe(true);
    const timerCall = net.trail[0]!.result.calls[0]!;
    expect(timerCall.method).toBe('<ic-cdk internal> timer_executor');
    expect(Buffer.compare(timerCall.callee, CANISTER_ID)).toBe(0);
    const rand = net.trail[1]!.result.calls[0]!;
    expect(Principal.fromUint8Array(rand.callee).toText()).toBe('aaaaa-aa');
    expect(rand.method).toBe('raw_rand');
  });

  it('an update changes state and a later query sees it', async () => {
    const { net } = await fresh();
    expect(nat64(net, 'inc', 'update')).toBe(1n);
    expect(nat64(net, 'inc', 'update')).toBe(2n);
    expect(nat64(net, 'get')).toBe(2n);
    net.run('update', 'canister_update put', { arg: candid([IDL.Text, IDL.Text], ['a', 'b']) });
    expect(readKey(net, 'a')).toEqual(['b']);
  });

  it('discards the changes of a query, replicated or not', async () => {
    const { net } = await fresh();
    expect(nat64(net, 'incInQuery')).toBe(1n);
    const r = net.run('query', 'canister_query incInQuery', { replicated: true });
    expect(decode([IDL.Nat64], r.reply)[0]).toBe(1n);
    expect(nat64(net, 'get')).toBe(0n);
  });

  it('a trap rolls back heap, stable memory, certified data, timer and calls; the next message works', async () => {
    const { rt, net } = await fresh();
    net.run('update', 'canister_update inc');
    const pagesBefore = rt.stable.storedPages;
    const r = net.run('update', 'canister_update putThenTrap', { arg: candid([IDL.Text], ['t']) });
    expect(r.trap?.errorCode).toBe('IC0503');
    expect(r.trap?.message).toContain(
      `Error from Canister ${Principal.fromUint8Array(CANISTER_ID).toText()}: Canister called \`ic0.trap\` with message: '`,
    );
    expect(r.trap?.message).toContain('boom');
    expect(r.calls).toEqual([]);
    expect(r.certifiedData).toBeUndefined();
    expect(r.globalTimer).toBeUndefined();
    expect(r.reply).toBeUndefined();
    expect(rt.stable.storedPages).toBe(pagesBefore);
    expect(nat64(net, 'get')).toBe(1n);
    expect(readKey(net, 't')).toEqual([]);
    expect(nat64(net, 'inc', 'update')).toBe(2n);
  });

  it('certified_data_set traps in a query (IC0504); in an update it is reported', async () => {
    const { net } = await fresh();
    const q = net.run('query', 'canister_query setCertifiedInQuery', { replicated: false });
    expect(q.trap?.errorCode).toBe('IC0504');
    expect(q.trap?.message).toContain(
      '"ic0_certified_data_set" cannot be executed in non replicated query mode',
    );
    const u = net.run('update', 'canister_update setCertified', {
      arg: candid([IDL.Vec(IDL.Nat8)], [new Uint8Array([1, 2])]),
    });
    expect(u.certifiedData).toEqual(new Uint8Array([1, 2]));
    const big = net.run('update', 'canister_update setCertified', {
      arg: candid([IDL.Vec(IDL.Nat8)], [new Uint8Array(33)]),
    });
    expect(big.trap?.errorCode).toBe('IC0504');
  });

  it('data certificate is present only in a non-replicated query that has one', async () => {
    const { net } = await fresh();
    const cert = new Uint8Array([0xd9, 0xd9, 0xf7, 1, 2, 3]);
    const get = (replicated: boolean): unknown =>
      decode(
        [IDL.Opt(IDL.Vec(IDL.Nat8))],
        net.run('query', 'canister_query certificate', { replicated, certificate: cert }).reply,
      )[0];
    expect(get(false)).toEqual([cert]);
    expect(get(true)).toEqual([]);
  });

  it('exposes time, version, replication mode, controllers, balance and the instruction counter', async () => {
    const { net } = await fresh();
    const info = (caller: Uint8Array, replicated: boolean) =>
      decode(
        [
          IDL.Record({
            time: IDL.Nat64,
            version: IDL.Nat64,
            replicated: IDL.Bool,
            instructions: IDL.Nat64,
            callerIsController: IDL.Bool,
            balance: IDL.Nat,
          }),
        ],
        net.run('query', 'canister_query info', {
          caller,
          replicated,
          time: T0 + 5n,
          canisterVersion: 9n,
          cyclesBalance: 123n,
        }).reply,
      )[0] as Record<string, unknown>;
    const a = info(CONTROLLER, false);
    expect(a).toMatchObject({
      time: T0 + 5n,
      version: 9n,
      replicated: false,
      callerIsController: true,
      balance: 123n,
    });
    expect(a.instructions as bigint).toBeGreaterThan(0n);
    expect(info(USER, true)).toMatchObject({ replicated: true, callerIsController: false });
  });

  it('records an outgoing call and delivers the reply to its callback', async () => {
    const { net } = await fresh();
    const r = net.run('update', 'canister_update randomBytes');
    expect(r.reply).toBeUndefined(); // replied later, from the callback
    expect(r.calls).toHaveLength(1);
    const cb = net.trail.at(-1)!;
    expect(cb.kind).toBe('reply_callback');
    expect(decode([IDL.Vec(IDL.Nat8)], cb.result.reply)[0]).toEqual(new Uint8Array(32).fill(7));
  });

  it('delivers a reject to the reject callback and runs cleanup when the callback traps', async () => {
    const { net } = await fresh();
    const target = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
    net.handlers.set(`${target.toText()}/ping`, () => ({ code: 4, message: 'nope' }));
    const r = net.run('update', 'canister_update callOther', {
      arg: candid([IDL.Principal, IDL.Text], [target, 'ping']),
    });
    expect(r.calls[0]).toMatchObject({ method: 'ping', arg: candid([], []) });
    expect(Principal.fromUint8Array(r.calls[0]!.callee).toText()).toBe(target.toText());
    const kinds = net.trail.map((t) => t.kind);
    expect(kinds).toContain('reject_callback');
    const rejectCb = net.trail.find((t) => t.kind === 'reject_callback')!.result;
    // Azle turns the rejected await into an exception, so the callback traps and cleanup runs.
    expect(rejectCb.trap?.errorCode).toBe('IC0503');
    expect(rejectCb.trap?.message).toContain('nope');
    const cleanup = net.trail.find((t) => t.kind === 'cleanup')!.result;
    expect(cleanup.trap).toBeUndefined();
    // The first message's state change stays; the canister still works.
    expect(nat64(net, 'get')).toBe(1n);
    expect(nat64(net, 'inc', 'update')).toBe(2n);
  });

  it('a user timer: global_timer_set is reported, and firing the timer runs the callback', async () => {
    const { net } = await fresh();
    net.tick(); // the seeding timer from init
    const r = net.run('update', 'canister_update startTimer', { arg: candid([IDL.Nat64], [2n]) });
    expect(r.globalTimer).toBe(net.time + 2_000_000_000n);
    expect(net.tick(1_000_000_000n)).toBeUndefined();
    expect(net.tick(1_000_000_000n)?.trap).toBeUndefined();
    expect(nat64(net, 'timerCount')).toBe(1n);
  });

  it('cycles: accept up to available, burn, attach to calls, trap when attaching more than the balance', async () => {
    const { net } = await fresh();
    const acc = net.run('update', 'canister_update acceptCycles', { cyclesAvailable: 500n });
    expect(decode([IDL.Nat64], acc.reply)[0]).toBe(500n);
    expect(acc.cyclesAccepted).toBe(500n);
    const burn = net.run('update', 'canister_update burn', {
      arg: candid([IDL.Nat], [100n]),
      cyclesBalance: 1000n,
    });
    expect(decode([IDL.Nat], burn.reply)[0]).toBe(100n);
    expect(burn.cyclesSpent).toBe(100n);
    const send = net.run('update', 'canister_update sendCycles', { arg: candid([IDL.Nat], [40n]) });
    expect(send.trap).toBeUndefined();
    expect(send.calls[0]?.cycles).toBe(40n);
    expect(send.cyclesSpent).toBe(40n);
    // Azle checks ic0.cost_call against the liquid balance itself and traps before attaching anything.
    const tooMuch = net.run('update', 'canister_update sendCycles', {
      arg: candid([IDL.Nat], [40n]),
      cyclesBalance: 1000n,
    });
    expect(tooMuch.trap?.message).toContain('insufficient liquid cycles balance');
    expect(tooMuch.calls).toEqual([]);
  });

  it('collects debug_print output', async () => {
    const { net } = await fresh();
    const { logs } = net.run('update', 'canister_update log', {
      arg: candid([IDL.Text], ['hello']),
    });
    expect(logs.some((l) => l.includes('hello'))).toBe(true);
  });

  it('upgrade: pre_upgrade on the old instance, post_upgrade on a new one over the same stable memory', async () => {
    const { rt, net } = await fresh();
    net.run('update', 'canister_update inc');
    net.run('update', 'canister_update put', { arg: candid([IDL.Text, IDL.Text], ['keep', 'me']) });
    const before = rt.snapshot();
    expect(
      rt.execute('pre_upgrade', 'canister_pre_upgrade', ctx({ caller: CONTROLLER })).trap,
    ).toBeUndefined();
    const rt2 = await CanisterRuntime.load(wasm, { stable: rt.stable });
    const post = rt2.execute(
      'post_upgrade',
      'canister_post_upgrade',
      ctx({ caller: CONTROLLER, arg: candid([IDL.Nat64], [5n]) }),
    );
    expect(post.trap).toBeUndefined();
    const net2 = new MiniReplica(rt2);
    expect(readKey(net2, 'keep')).toEqual(['me']);
    expect(hook(net2, 'preUpgrade')).toEqual([1n]);
    expect(hook(net2, 'postUpgrade')).toEqual([1n]);
    expect(nat64(net2, 'get')).toBe(0n); // heap starts over
    expect(nat64(net2, 'getInitArg')).toBe(5n);
    expect(before.stable.storedPages).toBeGreaterThan(0);
  });

  it('a failed post_upgrade is undone by restoring the old instance', async () => {
    const { rt, net } = await fresh();
    net.run('update', 'canister_update inc');
    const before = rt.snapshot();
    rt.execute('pre_upgrade', 'canister_pre_upgrade', ctx({ caller: CONTROLLER }));
    const rt2 = await CanisterRuntime.load(wasm, { stable: rt.stable });
    const post = rt2.execute(
      'post_upgrade',
      'canister_post_upgrade',
      ctx({ caller: CONTROLLER, arg: candid([IDL.Nat64], [999n]) }),
    );
    expect(post.trap?.message).toContain('post_upgrade refused');
    rt.restore(before);
    expect(hook(net, 'preUpgrade')).toEqual([]);
    expect(nat64(net, 'get')).toBe(1n);
    expect(nat64(net, 'inc', 'update')).toBe(2n);
  });

  it('serialize/deserialize keeps heap, globals and stable memory, compactly', async () => {
    const { rt, net } = await fresh();
    net.run('update', 'canister_update inc');
    net.run('update', 'canister_update put', { arg: candid([IDL.Text, IDL.Text], ['x', 'y']) });
    const s = rt.serialize();
    expect(s.heapChunks.length).toBeLessThanOrEqual(s.heapPages);
    expect(s.stable.pages.length).toBeLessThan(Number(s.stable.sizePages));
    const back = await CanisterRuntime.deserialize(wasm, structuredClone(s));
    const net2 = new MiniReplica(back);
    expect(nat64(net2, 'get')).toBe(1n);
    expect(readKey(net2, 'x')).toEqual(['y']);
    expect(nat64(net2, 'inc', 'update')).toBe(2n);
  });

  it('shares compilation between runtimes of the same wasm', async () => {
    const n = compiledModuleCount();
    await CanisterRuntime.load(wasm);
    expect(compiledModuleCount()).toBe(n);
  });

  it('rejects misuse with RuntimeUsageError', async () => {
    const { rt } = await fresh();
    expect(() => rt.execute('update', 'canister_update nope', ctx())).toThrow(RuntimeUsageError);
    expect(() => rt.execute('update', 'canister_query get', ctx())).toThrow(RuntimeUsageError);
    expect(() => rt.execute('reply_callback', 'canister_update inc', ctx())).toThrow(
      RuntimeUsageError,
    );
    // An optional hook the module lacks is a no-op.
    expect(rt.execute('heartbeat', 'canister_heartbeat', ctx()).trap).toBeUndefined();
  });
});
