/**
 * The ic0 System API as Node host functions, per the IC interface specification.
 *
 * Every function first charges the message's instruction budget as the IC does (a fixed
 * overhead plus the bytes it copies, see metering.ts), then checks that it is available in the
 * current entry point (api-modes.ts) and bounds-checks every pointer into the wasm heap; a
 * violation throws a HostTrap, which unwinds the wasm stack and makes the message trap. The
 * per-message state lives in MessageState.
 */
import { Principal } from '@dfinity/principal';
import { AVAILABILITY, isNonReplicated, modeName, type ApiMode } from './api-modes.js';
import { StableMemoryError, calledTrap, contractViolation, trapped } from './errors.js';
import type { MessageState } from './message-state.js';
import { TRANSMIT_BYTE_COST, ic0Overhead } from './metering.js';
import type { StableMemory } from './stable-memory.js';

const MiB = 1024 * 1024;
/** Max reply in replicated execution (inter-canister/ingress) and for non-replicated queries. */
const MAX_REPLY_REPLICATED = 2 * MiB;
const MAX_REPLY_NON_REPLICATED = 3 * MiB;
/** Max inter-canister call payload; the strict cross-subnet figure, so tests cannot rely on more. */
const MAX_CALL_PAYLOAD = 2 * MiB;
const MAX_CALL_TIMEOUT_SECONDS = 300;
const MAX_PRINCIPAL_BYTES = 29;
const MAX_CERTIFIED_DATA = 32;
const MAX_LOG_LINE = 4 * 1024;
/** cost_call figures of a 13-node application subnet. */
const CALL_BASE_FEE = 260_000n;
const CALL_BYTE_FEE = 1_000n;

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const I64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const u32 = (v: number): number => v >>> 0;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8');

/** What the System API needs from the runtime that owns it. */
export interface SystemApiHost {
  memory(): WebAssembly.Memory;
  readonly stable: StableMemory;
  /** The message being executed; undefined between messages. */
  state(): MessageState | undefined;
  /** Told of every range the host writes into the heap (for dirty-page tracking). */
  written(start: number, length: number): void;
}

export const SYSTEM_API_FUNCTIONS = Object.keys(AVAILABILITY);

export function createSystemApi(
  host: SystemApiHost,
): Record<string, (...args: never[]) => unknown> {
  const heap = (): Uint8Array => new Uint8Array(host.memory().buffer);

  /** `bytes`: instructions for the data the call moves, on top of its fixed overhead. */
  const enter = (name: string, bytes = 0): MessageState => {
    const s = host.state();
    if (!s) throw contractViolation(`"ic0_${name}" called outside of a message execution`);
    s.meter.charge(ic0Overhead(name) + bytes);
    if (!AVAILABILITY[name]!.has(s.mode)) {
      throw contractViolation(`"ic0_${name}" cannot be executed in ${modeName(s.mode)} mode`);
    }
    return s;
  };

  const readHeap = (name: string, src: number, size: number): Uint8Array => {
    const h = heap();
    const start = u32(src);
    const len = u32(size);
    if (start + len > h.length) {
      throw contractViolation(
        `ic0.${name} heap: src=${start} + length=${len} exceeds the slice size=${h.length}`,
      );
    }
    return h.slice(start, start + len);
  };

  const checkDst = (name: string, h: Uint8Array, dst: number, size: number): void => {
    if (dst + size > h.length) {
      throw contractViolation(
        `ic0.${name} heap: dst=${dst} + length=${size} exceeds the slice size=${h.length}`,
      );
    }
  };

  const copyOut = (
    name: string,
    data: Uint8Array,
    dstRaw: number,
    offsetRaw: number,
    sizeRaw: number,
  ): void => {
    const dst = u32(dstRaw);
    const offset = u32(offsetRaw);
    const size = u32(sizeRaw);
    if (offset + size > data.length) {
      throw contractViolation(
        `ic0.${name}: offset=${offset} + length=${size} exceeds the data size=${data.length}`,
      );
    }
    const h = heap();
    checkDst(name, h, dst, size);
    host.written(dst, size);
    h.set(data.subarray(offset, offset + size), dst);
  };

  const write128 = (name: string, dstRaw: number, value: bigint): void => {
    const h = heap();
    const dst = u32(dstRaw);
    checkDst(name, h, dst, 16);
    host.written(dst, 16);
    const view = new DataView(h.buffer, h.byteOffset);
    view.setBigUint64(dst, BigInt.asUintN(64, value), true);
    view.setBigUint64(dst + 8, BigInt.asUintN(64, value >> 64n), true);
  };

  const amount128 = (high: bigint, low: bigint): bigint => (U64(high) << 64n) | U64(low);

  const principalArg = (name: string, src: number, size: number): Uint8Array => {
    const bytes = readHeap(name, src, size);
    if (bytes.length > MAX_PRINCIPAL_BYTES) {
      throw contractViolation(`ic0.${name}: ${bytes.length} bytes is not a valid principal`);
    }
    return bytes;
  };

  const respond = (s: MessageState, name: string): void => {
    if (s.responded) throw contractViolation(`ic0.${name}: the call is already replied`);
    s.responded = true;
    // Responding refunds whatever was not accepted.
    s.cyclesAvailable = 0n;
  };

  const requirePending = (s: MessageState, name: string) => {
    if (!s.pending) throw contractViolation(`ic0.${name}: there is no call under construction`);
    return s.pending;
  };

  const nonReplicated = (mode: ApiMode): boolean => isNonReplicated(mode);

  return {
    msg_arg_data_size: () => enter('msg_arg_data_size').ctx.arg.length,
    msg_arg_data_copy: (dst: number, offset: number, size: number) =>
      copyOut(
        'msg_arg_data_copy',
        enter('msg_arg_data_copy', u32(size)).ctx.arg,
        dst,
        offset,
        size,
      ),
    msg_caller_size: () => enter('msg_caller_size').ctx.caller.length,
    msg_caller_copy: (dst: number, offset: number, size: number) =>
      copyOut('msg_caller_copy', enter('msg_caller_copy', u32(size)).ctx.caller, dst, offset, size),
    msg_reject_code: () => {
      const s = enter('msg_reject_code');
      return s.ctx.rejectCode ?? 0;
    },
    msg_reject_msg_size: () =>
      rejectMessage(enter('msg_reject_msg_size'), 'msg_reject_msg_size').length,
    msg_reject_msg_copy: (dst: number, offset: number, size: number) => {
      const s = enter('msg_reject_msg_copy', u32(size));
      copyOut('msg_reject_msg_copy', rejectMessage(s, 'msg_reject_msg_copy'), dst, offset, size);
    },
    msg_deadline: () => {
      enter('msg_deadline');
      return 0n;
    },

    msg_reply_data_append: (src: number, size: number) => {
      const s = enter('msg_reply_data_append', TRANSMIT_BYTE_COST * u32(size));
      if (s.responded)
        throw contractViolation('ic0.msg_reply_data_append: the call is already replied');
      const data = readHeap('msg_reply_data_append', src, size);
      const limit = nonReplicated(s.mode) ? MAX_REPLY_NON_REPLICATED : MAX_REPLY_REPLICATED;
      if (s.replySize + data.length > limit) {
        throw contractViolation(
          `ic0.msg_reply_data_append: application payload size (${s.replySize + data.length}) cannot be larger than ${limit}`,
        );
      }
      s.replyChunks.push(data);
      s.replySize += data.length;
    },
    msg_reply: () => {
      const s = enter('msg_reply');
      respond(s, 'msg_reply');
      s.reply = concatBytes(s.replyChunks);
      s.replyChunks = [];
    },
    msg_reject: (src: number, size: number) => {
      const s = enter('msg_reject', TRANSMIT_BYTE_COST * u32(size));
      const bytes = readHeap('msg_reject', src, size);
      respond(s, 'msg_reject');
      try {
        s.reject = utf8.decode(bytes);
      } catch {
        throw contractViolation('ic0.msg_reject: the reject message is not valid UTF-8');
      }
      s.replyChunks = [];
    },

    msg_cycles_available128: (dst: number) => {
      const s = enter('msg_cycles_available128');
      write128('msg_cycles_available128', dst, s.cyclesAvailable);
    },
    msg_cycles_refunded128: (dst: number) => {
      const s = enter('msg_cycles_refunded128');
      write128('msg_cycles_refunded128', dst, s.ctx.cyclesRefunded);
    },
    msg_cycles_accept128: (high: bigint, low: bigint, dst: number) => {
      const s = enter('msg_cycles_accept128');
      const max = amount128(high, low);
      const moved = max < s.cyclesAvailable ? max : s.cyclesAvailable;
      write128('msg_cycles_accept128', dst, moved);
      s.cyclesAvailable -= moved;
      s.cyclesAccepted += moved;
    },
    cycles_burn128: (high: bigint, low: bigint, dst: number) => {
      const s = enter('cycles_burn128');
      const want = amount128(high, low);
      const liquid = s.balance > 0n ? s.balance : 0n;
      const burned = want < liquid ? want : liquid;
      write128('cycles_burn128', dst, burned);
      s.cyclesSpent += burned;
    },

    canister_self_size: () => enter('canister_self_size').ctx.canisterId.length,
    canister_self_copy: (dst: number, offset: number, size: number) =>
      copyOut(
        'canister_self_copy',
        enter('canister_self_copy', u32(size)).ctx.canisterId,
        dst,
        offset,
        size,
      ),
    canister_cycle_balance128: (dst: number) => {
      const s = enter('canister_cycle_balance128');
      write128('canister_cycle_balance128', dst, s.balance);
    },
    // No freezing threshold or reservations are modelled, so all of the balance is liquid.
    canister_liquid_cycle_balance128: (dst: number) => {
      const s = enter('canister_liquid_cycle_balance128');
      write128('canister_liquid_cycle_balance128', dst, s.balance > 0n ? s.balance : 0n);
    },
    canister_status: () => {
      enter('canister_status');
      return 1; // running: stopped canisters receive no messages here
    },
    canister_version: () => I64(enter('canister_version').ctx.canisterVersion),

    msg_method_name_size: () => enter('msg_method_name_size').ctx.methodName.length,
    msg_method_name_copy: () => enter('msg_method_name_copy'),
    accept_message: () => enter('accept_message'),

    call_new: (
      calleeSrc: number,
      calleeSize: number,
      nameSrc: number,
      nameSize: number,
      replyFun: number,
      replyEnv: number,
      rejectFun: number,
      rejectEnv: number,
    ) => {
      const s = enter('call_new', u32(calleeSize) + u32(nameSize));
      const callee = principalArg('call_new', calleeSrc, calleeSize);
      const method = utf8Lossy.decode(readHeap('call_new', nameSrc, nameSize));
      // A call under construction is discarded; its cycles go back to the balance (getter).
      s.pending = {
        callee,
        method,
        chunks: [],
        size: 0,
        cycles: 0n,
        reply: { fn: u32(replyFun), env: u32(replyEnv) },
        reject: { fn: u32(rejectFun), env: u32(rejectEnv) },
      };
    },
    call_on_cleanup: (fun: number, env: number) => {
      const p = requirePending(enter('call_on_cleanup'), 'call_on_cleanup');
      if (p.cleanup)
        throw contractViolation('ic0.call_on_cleanup: the cleanup callback is already set');
      p.cleanup = { fn: u32(fun), env: u32(env) };
    },
    call_data_append: (src: number, size: number) => {
      const p = requirePending(
        enter('call_data_append', TRANSMIT_BYTE_COST * u32(size)),
        'call_data_append',
      );
      const data = readHeap('call_data_append', src, size);
      if (p.size + data.length > MAX_CALL_PAYLOAD) {
        throw contractViolation(
          `ic0.call_data_append: payload size (${p.size + data.length}) cannot be larger than ${MAX_CALL_PAYLOAD}`,
        );
      }
      p.chunks.push(data);
      p.size += data.length;
    },
    call_with_best_effort_response: (timeout: number) => {
      const p = requirePending(
        enter('call_with_best_effort_response'),
        'call_with_best_effort_response',
      );
      if (p.timeoutSeconds !== undefined) {
        throw contractViolation('ic0.call_with_best_effort_response: the timeout is already set');
      }
      p.timeoutSeconds = Math.min(u32(timeout), MAX_CALL_TIMEOUT_SECONDS);
    },
    call_cycles_add128: (high: bigint, low: bigint) => {
      const s = enter('call_cycles_add128');
      const p = requirePending(s, 'call_cycles_add128');
      const amount = amount128(high, low);
      if (amount > s.balance) {
        throw contractViolation(
          `ic0.call_cycles_add128: attempted to add ${amount} cycles to the call, but the liquid balance is only ${s.balance}`,
        );
      }
      p.cycles += amount;
    },
    call_perform: () => {
      const s = enter('call_perform');
      const p = requirePending(s, 'call_perform');
      s.pending = undefined;
      s.cyclesSpent += p.cycles;
      s.calls.push({
        callee: p.callee,
        method: p.method,
        arg: concatBytes(p.chunks),
        cycles: p.cycles,
        reply: p.reply,
        reject: p.reject,
        ...(p.cleanup ? { cleanup: p.cleanup } : {}),
        ...(p.timeoutSeconds !== undefined ? { timeoutSeconds: p.timeoutSeconds } : {}),
      });
      return 0;
    },

    stable64_size: () => {
      enter('stable64_size');
      return host.stable.sizePages;
    },
    stable64_grow: (pages: bigint) => {
      enter('stable64_grow');
      return host.stable.grow(U64(pages));
    },
    stable64_write: (offset: bigint, src: bigint, size: bigint) => {
      enter('stable64_write', Number(U64(size)));
      const h = heap();
      const start = U64(src);
      const len = U64(size);
      if (start + len > BigInt(h.length)) {
        throw contractViolation(
          `ic0.stable64_write heap: src=${start} + length=${len} exceeds the slice size=${h.length}`,
        );
      }
      stableAccess(() =>
        host.stable.write(U64(offset), h.subarray(Number(start), Number(start + len))),
      );
    },
    stable64_read: (dst: bigint, offset: bigint, size: bigint) => {
      enter('stable64_read', Number(U64(size)));
      const h = heap();
      const start = U64(dst);
      const len = U64(size);
      if (start + len > BigInt(h.length)) {
        throw contractViolation(
          `ic0.stable64_read heap: dst=${start} + length=${len} exceeds the slice size=${h.length}`,
        );
      }
      host.written(Number(start), Number(len));
      stableAccess(() =>
        host.stable.read(U64(offset), h.subarray(Number(start), Number(start + len))),
      );
    },

    certified_data_set: (src: number, size: number) => {
      const s = enter('certified_data_set', u32(size));
      const data = readHeap('certified_data_set', src, size);
      if (data.length > MAX_CERTIFIED_DATA) {
        throw contractViolation(
          `ic0_certified_data_set failed because the passed data must be no larger than ${MAX_CERTIFIED_DATA} bytes. Found ${data.length} bytes`,
        );
      }
      s.certifiedData = data;
    },
    data_certificate_present: () => (certificate(enter('data_certificate_present')) ? 1 : 0),
    data_certificate_size: () =>
      requireCertificate(enter('data_certificate_size'), 'data_certificate_size').length,
    data_certificate_copy: (dst: number, offset: number, size: number) => {
      const cert = requireCertificate(
        enter('data_certificate_copy', u32(size)),
        'data_certificate_copy',
      );
      copyOut('data_certificate_copy', cert, dst, offset, size);
    },

    time: () => I64(enter('time').ctx.time),
    global_timer_set: (timestamp: bigint) => {
      const s = enter('global_timer_set');
      const previous = s.timer;
      s.timer = U64(timestamp);
      s.timerSet = true;
      return I64(previous);
    },
    performance_counter: (type: number) => {
      const s = enter('performance_counter');
      if (type === 0) return I64(s.meter.used);
      if (type === 1) return I64(s.meter.used + (s.ctx.callContextInstructions ?? 0n));
      throw contractViolation(`ic0.performance_counter: unknown counter type ${type}`);
    },
    is_controller: (src: number, size: number) => {
      const s = enter('is_controller', u32(size));
      const p = principalArg('is_controller', src, size);
      return s.ctx.controllers.some((c) => Buffer.compare(c, p) === 0) ? 1 : 0;
    },
    in_replicated_execution: () => (nonReplicated(enter('in_replicated_execution').mode) ? 0 : 1),
    cost_call: (methodNameSize: bigint, payloadSize: bigint, dst: number) => {
      enter('cost_call');
      // Base fee, request bytes, and the reservation for the largest possible response.
      const cost =
        CALL_BASE_FEE +
        CALL_BYTE_FEE * (U64(methodNameSize) + U64(payloadSize) + BigInt(MAX_REPLY_REPLICATED));
      write128('cost_call', dst, cost);
    },

    debug_print: (src: number, size: number) => {
      // The IC adds a canister-log charge that depends on its log buffer, which is not kept here.
      const s = enter('debug_print', u32(size));
      // Never traps (spec): an out-of-bounds range prints a system-generated line instead.
      const h = heap();
      const start = u32(src);
      const len = u32(size);
      const line =
        start + len > h.length
          ? `[debug_print: range ${start}+${len} is outside the ${h.length}-byte heap]`
          : utf8Lossy.decode(h.subarray(start, start + Math.min(len, MAX_LOG_LINE)));
      s.logs.push(line);
    },
    trap: (src: number, size: number) => {
      const s = enter('trap', u32(size));
      const h = heap();
      const start = u32(src);
      const len = u32(size);
      const message =
        start + len > h.length
          ? '(trap message out of bounds)'
          : utf8Lossy.decode(h.subarray(start, start + len));
      s.logs.push(`[TRAP]: ${message}`);
      throw calledTrap(message);
    },
  };

  function rejectMessage(s: MessageState, name: string): Uint8Array {
    if (!s.ctx.rejectCode || s.ctx.rejectMessage === undefined) {
      throw contractViolation(`ic0.${name}: there is no reject message (reject code is 0)`);
    }
    return Buffer.from(s.ctx.rejectMessage, 'utf8');
  }

  function certificate(s: MessageState): Uint8Array | undefined {
    if (s.mode !== 'NRQ' && s.mode !== 'CQ') return undefined;
    const c = s.ctx.certificate;
    return typeof c === 'function' ? c() : c;
  }

  function requireCertificate(s: MessageState, name: string): Uint8Array {
    const c = certificate(s);
    if (!c) throw contractViolation(`ic0.${name}: no certificate is present`);
    return c;
  }

  function stableAccess(f: () => void): void {
    try {
      f();
    } catch (e) {
      // The replica reports this as a wasm-level trap, not a contract violation.
      if (e instanceof StableMemoryError) throw trapped('stable memory out of bounds');
      throw e;
    }
  }
}

/** Principal text for messages; never throws on malformed bytes. */
export function principalText(bytes: Uint8Array): string {
  try {
    return Principal.fromUint8Array(bytes).toText();
  } catch {
    return Buffer.from(bytes).toString('hex');
  }
}

/** Concatenates into a fresh Uint8Array (not a pooled Buffer: consumers may read `.buffer`). */
function concatBytes(chunks: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const c of chunks) len += c.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
