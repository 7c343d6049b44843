/** Everything one message execution accumulates before it commits (or is dropped by a trap). */
import type { ApiMode } from './api-modes.js';
import type { InstructionMeter } from './metering.js';
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
    /** The message's instruction budget (ic0 calls are charged to it). */
    readonly meter: InstructionMeter,
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
}
