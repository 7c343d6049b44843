/**
 * The instruction budget of one message: limits, the counter the instrumented code decrements
 * (instrument.ts), and what the host charges for ic0 calls.
 */
import { instructionLimitExceeded } from './errors.js';
import type { InstructionLimits, MessageKind } from './types.js';

const B = 1_000_000_000n;

/** The IC's limits on an application subnet (dfinity/ic rs/config/src/subnet_config.rs). */
export const IC_INSTRUCTION_LIMITS: Readonly<InstructionLimits> = Object.freeze({
  update: 40n * B,
  query: 5n * B,
  install: 300n * B,
});

export function instructionLimitFor(
  kind: MessageKind,
  limits: Readonly<InstructionLimits> = IC_INSTRUCTION_LIMITS,
): bigint {
  switch (kind) {
    case 'query':
      return limits.query;
    case 'init':
    case 'pre_upgrade':
    case 'post_upgrade':
      return limits.install;
    default:
      return limits.update;
  }
}

/**
 * Fixed instructions the IC charges per ic0 call (dfinity/ic
 * rs/embedders/src/wasmtime_embedder/system_api_complexity.rs, `overhead`, and `overhead_native`
 * for stable memory, which the IC implements in wasm); 500 for a function it does not list.
 */
const OVERHEAD: Record<string, number> = {
  call_new: 1_500,
  call_perform: 5_000,
  debug_print: 100,
  is_controller: 1_000,
  performance_counter: 200,
  stable64_grow: 100,
  stable64_size: 20,
  stable64_read: 20,
  stable64_write: 20,
};
const DEFAULT_OVERHEAD = 500;

export const ic0Overhead = (name: string): number => OVERHEAD[name] ?? DEFAULT_OVERHEAD;

/**
 * Instructions per byte of payload that leaves the canister (reply, reject, call arguments): the
 * IC's BYTE_TRANSMISSION_COST_FACTOR. Other copies cost 1 per byte.
 */
export const TRANSMIT_BYTE_COST = 50;

/** Reads and decrements the instrumented module's counter global for one message. */
export class InstructionMeter {
  /** What the message may use: its limit minus earlier install stages. */
  readonly budget: bigint;

  constructor(
    private readonly counter: WebAssembly.Global,
    /** The limit reported when exceeded. */
    readonly limit: bigint,
    usedBefore = 0n,
  ) {
    this.budget = limit - usedBefore;
    counter.value = this.budget;
  }

  /** Budget left; negative once the code went over it. */
  get left(): bigint {
    return this.counter.value as bigint;
  }

  /** Instructions executed so far in this message (the IC's performance_counter(0)). */
  get used(): bigint {
    return this.budget - this.left;
  }

  get exceeded(): boolean {
    return this.left < 0n;
  }

  /** Charges a host call, as the IC's charge_direct_fee: trap if the budget is (or becomes) negative. */
  charge(instructions: number): void {
    let left = this.left;
    if (left < 0n) throw instructionLimitExceeded();
    left -= BigInt(instructions);
    this.counter.value = left;
    if (left < 0n) throw instructionLimitExceeded();
  }
}
