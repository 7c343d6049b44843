/**
 * Test and benchmark helpers: message contexts, a tiny hand-assembled wasm builder, and a
 * minimal "replica" that plays the system side of one canister (timers, self-calls, raw_rand).
 * Not used by production code.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import type { CanisterRuntime } from './runtime.js';
import type { ExecutionResult, MessageContext, MessageKind, OutgoingCall } from './types.js';

export const CANISTER_ID = Principal.fromText('lxzze-o7777-77777-aaaaa-cai').toUint8Array();
export const CONTROLLER = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai').toUint8Array();
export const USER = Principal.fromText('2vxsx-fae').toUint8Array();
export const T0 = 1_700_000_000_000_000_000n;

export function ctx(overrides: Partial<MessageContext> = {}): MessageContext {
  return {
    canisterId: CANISTER_ID,
    caller: USER,
    methodName: '',
    arg: candid([], []),
    time: T0,
    replicated: true,
    controllers: [CONTROLLER],
    canisterVersion: 1n,
    cyclesBalance: 1_000_000_000_000n,
    cyclesAvailable: 0n,
    cyclesRefunded: 0n,
    globalTimer: 0n,
    ...overrides,
  };
}

export const candid = (types: IDL.Type[], values: unknown[]): Uint8Array =>
  new Uint8Array(IDL.encode(types, values));
export const decode = (types: IDL.Type[], bytes: Uint8Array | undefined): unknown[] => {
  if (!bytes) throw new Error('no reply');
  return IDL.decode(types, bytes);
};

/** Plays the system around one canister: applies timer/certified data, runs timers and delivers calls. */
export class MiniReplica {
  time = T0;
  timer = 0n;
  certified: Uint8Array = new Uint8Array(0);
  version = 1n;
  /** Answers for calls to other canisters: return reply bytes, or a reject. */
  handlers = new Map<
    string,
    (call: OutgoingCall) => Uint8Array | { code: number; message: string }
  >();
  readonly trail: { kind: MessageKind; result: ExecutionResult }[] = [];

  constructor(readonly rt: CanisterRuntime) {
    this.handlers.set('aaaaa-aa/raw_rand', () =>
      candid([IDL.Vec(IDL.Nat8)], [new Uint8Array(32).fill(7)]),
    );
  }

  ctx(overrides: Partial<MessageContext> = {}): MessageContext {
    return ctx({
      time: this.time,
      globalTimer: this.timer,
      canisterVersion: this.version,
      ...overrides,
    });
  }

  /** Runs a message and everything it causes (calls, callbacks), like a replica round would. */
  run(kind: MessageKind, entry: string, overrides: Partial<MessageContext> = {}): ExecutionResult {
    const result = this.exec(kind, entry, this.ctx(overrides));
    this.deliver(result.calls, {
      replied: result.reply !== undefined || result.reject !== undefined,
    });
    return result;
  }

  /** Fires the global timer if due (and everything it causes). */
  tick(advanceNs = 0n): ExecutionResult | undefined {
    this.time += advanceNs;
    if (this.timer === 0n || this.time < this.timer) return undefined;
    this.timer = 0n;
    return this.run('global_timer', 'canister_global_timer', { caller: new Uint8Array(0) });
  }

  private exec(
    kind: MessageKind,
    entry: string | { fn: number; env: number },
    c: MessageContext,
  ): ExecutionResult {
    const result = this.rt.execute(kind, entry, c);
    this.trail.push({ kind, result });
    if (!result.trap && kind !== 'query') {
      if (result.certifiedData) this.certified = result.certifiedData;
      if (result.globalTimer !== undefined) this.timer = result.globalTimer;
    }
    return result;
  }

  private deliver(calls: OutgoingCall[], origin: { replied: boolean }): void {
    for (const call of calls) {
      const callee = Principal.fromUint8Array(call.callee).toText();
      let answer: Uint8Array | { code: number; message: string };
      if (Buffer.compare(call.callee, CANISTER_ID) === 0) {
        const r = this.exec(
          'update',
          `canister_update ${call.method}`,
          this.ctx({ caller: CANISTER_ID, arg: call.arg }),
        );
        this.deliver(r.calls, { replied: r.reply !== undefined || r.reject !== undefined });
        answer = r.trap
          ? { code: 5, message: r.trap.message }
          : r.reject !== undefined
            ? { code: 4, message: r.reject }
            : (r.reply ?? new Uint8Array(0));
      } else {
        const handler = this.handlers.get(`${callee}/${call.method}`);
        answer = handler ? handler(call) : { code: 3, message: `Canister ${callee} not found` };
      }
      const base = { caller: USER, callContextReplied: origin.replied, cyclesRefunded: 0n };
      const r =
        answer instanceof Uint8Array
          ? this.exec('reply_callback', call.reply, this.ctx({ ...base, arg: answer }))
          : this.exec(
              'reject_callback',
              call.reject,
              this.ctx({ ...base, rejectCode: answer.code, rejectMessage: answer.message }),
            );
      if (r.trap && call.cleanup) this.exec('cleanup', call.cleanup, this.ctx(base));
      this.deliver(r.calls, {
        replied: origin.replied || r.reply !== undefined || r.reject !== undefined,
      });
    }
  }
}

// ---- a tiny wasm assembler for host-level tests ----

type ValType = 'i32' | 'i64';
const VT: Record<ValType, number> = { i32: 0x7f, i64: 0x7e };

export interface TinyImport {
  name: string;
  params: ValType[];
  results: ValType[];
}
export interface TinyFunc {
  /** Export name; all functions are also placed in table slots 0.. in order. */
  export?: string;
  /** Takes one i32 (a callback's env) instead of nothing. */
  takesEnv?: boolean;
  body: number[];
}

export const op = {
  i32: (v: number): number[] => [0x41, ...sleb(v)],
  i64: (v: number): number[] => [0x42, ...sleb(v)],
  call: (index: number): number[] => [0x10, ...uleb(index)],
  globalGet: [0x23, 0x00],
  globalSet: [0x24, 0x00],
  memoryGrow: [0x40, 0x00],
  i32Store8: (offset: number): number[] => [0x3a, 0x00, ...uleb(offset)],
  drop: [0x1a],
  unreachable: [0x00],
};

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = BigInt(value);
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => {
  const b = [...Buffer.from(s, 'utf8')];
  return [...uleb(b.length), ...b];
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** Builds a module with 1 page of memory ("memory"), one mutable i32 global, a funcref table, and the given ic0 imports. */
export function tinyWasm(imports: TinyImport[], funcs: TinyFunc[]): Uint8Array {
  const types = [
    ...imports.map((i) => [
      0x60,
      ...vec(i.params.map((p) => [VT[p]])),
      ...vec(i.results.map((r) => [VT[r]])),
    ]),
    [0x60, 0x00, 0x00],
    [0x60, 0x01, 0x7f, 0x00],
  ];
  const voidType = imports.length;
  const envType = imports.length + 1;
  const funcIndex = (i: number): number => imports.length + i;
  const exports = [
    [...name('memory'), 0x02, 0x00],
    ...funcs.flatMap((f, i) =>
      f.export ? [[...name(f.export), 0x00, ...uleb(funcIndex(i))]] : [],
    ),
  ];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(
      2,
      vec(imports.map((im, i) => [...name('ic0'), ...name(im.name), 0x00, ...uleb(i)])),
    ),
    ...section(3, vec(funcs.map((f) => uleb(f.takesEnv ? envType : voidType)))),
    ...section(4, vec([[0x70, 0x00, ...uleb(funcs.length)]])),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(6, vec([[0x7f, 0x01, 0x41, 0x00, 0x0b]])),
    ...section(7, vec(exports)),
    ...section(9, vec([[0x00, 0x41, 0x00, 0x0b, ...vec(funcs.map((_, i) => uleb(funcIndex(i))))]])),
    ...section(
      10,
      vec(
        funcs.map((f) => {
          const body = [0x00, ...f.body, 0x0b];
          return [...uleb(body.length), ...body];
        }),
      ),
    ),
  ];
  return Uint8Array.from(bytes);
}

/** Adds a start section (id 8) calling function `index` to a module built by tinyWasm. */
export function withStart(wasm: Uint8Array, index: number): Uint8Array {
  // The start section goes right before the element section (id 9), which tinyWasm always writes.
  let p = 8;
  while (wasm[p] !== 9) {
    let size = 0;
    let shift = 0;
    let q = p + 1;
    for (;;) {
      const b = wasm[q++]!;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    p = q + size;
    if (p >= wasm.length) throw new Error('no element section');
  }
  const body = uleb(index);
  return Uint8Array.from([...wasm.subarray(0, p), 8, body.length, ...body, ...wasm.subarray(p)]);
}
