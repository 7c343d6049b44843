/** Everything one message execution accumulates before it commits (or is dropped by a trap). */
import type { ApiMode } from './api-modes.js';
import type { CallbackRef, MessageContext, OutgoingCall } from './types.js';

export interface PendingCall {
  callee: Uint8Array;
  method: string;
  chunks: Uint8Array[];
  size: number;
  cycles: bigint;
  reply: CallbackRef;
  reject: CallbackRef;
  cleanup?: CallbackRef;
  timeoutSeconds?: number;
}

export class MessageState {
  readonly startNs = process.hrtime.bigint();
  /** Keeps performance_counter strictly increasing even if two reads fall in the same nanosecond. */
  private counterReads = 0n;
  replyChunks: Uint8Array[] = [];
  replySize = 0;
  responded: boolean;
  reply?: Uint8Array;
  reject?: string;
  calls: OutgoingCall[] = [];
  pending?: PendingCall;
  certifiedData?: Uint8Array;
  /** The timer as this message sees it (ctx.globalTimer, then whatever it set). */
  timer: bigint;
  timerSet = false;
  cyclesAvailable: bigint;
  cyclesAccepted = 0n;
  /** Cycles on performed calls and burned. */
  cyclesSpent = 0n;
  logs: string[] = [];

  constructor(
    readonly mode: ApiMode,
    readonly ctx: MessageContext,
  ) {
    this.responded = ctx.callContextReplied ?? false;
    this.timer = ctx.globalTimer;
    this.cyclesAvailable = ctx.cyclesAvailable;
  }

  /** Current balance: cycles on a call under construction are already deducted (spec). */
  get balance(): bigint {
    return (
      this.ctx.cyclesBalance + this.cyclesAccepted - this.cyclesSpent - (this.pending?.cycles ?? 0n)
    );
  }

  /**
   * Instructions estimate. V8 has no instruction counter, so this is wall time in nanoseconds
   * (roughly one wasm instruction per ns for V8's JIT) plus one per read, which keeps it monotonic.
   */
  instructions(): bigint {
    this.counterReads += 1n;
    return process.hrtime.bigint() - this.startNs + this.counterReads;
  }
}
