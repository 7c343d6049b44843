/**
 * The contract between the replica (which owns canisters, call contexts and rounds) and the wasm
 * runtime (which runs one canister module in Node's WebAssembly behind the ic0 System API).
 */

/** Which System API entry point is being run; decides which ic0 functions are allowed. */
export type MessageKind =
  | 'init'
  | 'pre_upgrade'
  | 'post_upgrade'
  | 'update'
  | 'query' // replicated or not: see MessageContext.replicated
  | 'global_timer'
  | 'heartbeat'
  | 'reply_callback'
  | 'reject_callback'
  | 'cleanup';

/** A closure the canister registered with ic0.call_new / call_on_cleanup: a table index and env. */
export interface CallbackRef {
  fn: number;
  env: number;
}

/** An inter-canister call made during a message; only sent by the replica if the message did not trap. */
export interface OutgoingCall {
  callee: Uint8Array;
  method: string;
  arg: Uint8Array;
  cycles: bigint;
  reply: CallbackRef;
  reject: CallbackRef;
  cleanup?: CallbackRef;
  /** Set by ic0.call_with_best_effort_response. */
  timeoutSeconds?: number;
}

export interface MessageContext {
  canisterId: Uint8Array;
  /** msg_caller: the caller of the call context (also inside callbacks). */
  caller: Uint8Array;
  /** msg_method_name. */
  methodName: string;
  /** msg_arg_data: the call's argument, or the reply data inside a reply callback. */
  arg: Uint8Array;
  /** Nanoseconds since the epoch; the replica keeps it strictly monotonic per canister. */
  time: bigint;
  /** false for a non-replicated query (then data_certificate may be present). */
  replicated: boolean;
  /**
   * Certificate for ic0.data_certificate_* (non-replicated queries only), or a function that
   * builds it when the canister first asks (most queries never do).
   */
  certificate?: Uint8Array | (() => Uint8Array);
  controllers: Uint8Array[];
  canisterVersion: bigint;
  cyclesBalance: bigint;
  /** Cycles attached to the incoming call that the canister may accept. */
  cyclesAvailable: bigint;
  /** Cycles refunded by the callee (callbacks only). */
  cyclesRefunded: bigint;
  /** The global timer as currently set (0 = unset); global_timer_set returns it. */
  globalTimer: bigint;
  /** Reject callbacks only. */
  rejectCode?: number;
  rejectMessage?: string;
  /**
   * Callbacks and cleanups: the call context was already replied to or rejected by an earlier
   * message, so msg_reply/msg_reject trap (spec: "already been responded to"). Default false.
   */
  callContextReplied?: boolean;
  /** Instructions already used by earlier messages of this call context (performance_counter(1)). Default 0. */
  callContextInstructions?: bigint;
  /**
   * The message's instruction limit (default: the IC's for its kind, see instructionLimitFor).
   * Over it the message traps with IC0522 "exceeded the limit of <limit> instructions".
   */
  instructionLimit?: bigint;
  /**
   * Instructions earlier stages of the same install_code already used (pre_upgrade, before
   * post_upgrade): they count against instructionLimit, not against performance_counter. Default 0.
   */
  instructionsUsedBefore?: bigint;
}

/** Instruction limits per kind of message (the IC's application-subnet figures by default). */
export interface InstructionLimits {
  /** Updates, timers, heartbeats, callbacks and cleanups. @default 40_000_000_000n */
  update: bigint;
  /** Queries, replicated or not. @default 5_000_000_000n */
  query: bigint;
  /** install_code: canister_init, or pre_upgrade and post_upgrade together. @default 300_000_000_000n */
  install: bigint;
}

export interface Trap {
  /**
   * IC error code: IC0503 for ic0.trap, IC0502 for a wasm trap (unreachable, OOB, ...),
   * IC0504 for a System API contract violation (msg_reply twice, an ic0 call not allowed in this
   * entry point, an out-of-bounds pointer given to ic0, ...), IC0522 for a message over its
   * instruction limit, as the replica reports them.
   */
  errorCode: string;
  /** Full IC-style message, e.g. "Error from Canister <id>: Canister called `ic0.trap` with message: 'boom'". */
  message: string;
}

export interface ExecutionResult {
  /** Present when the message trapped; heap, globals and stable memory are already rolled back. */
  trap?: Trap;
  /** msg_reply was called with these bytes. */
  reply?: Uint8Array;
  /** msg_reject was called with this message (reject code 4, CANISTER_REJECT). */
  reject?: string;
  /** Calls to perform; empty when trapped. */
  calls: OutgoingCall[];
  /** The last value given to certified_data_set, when called and not trapped. */
  certifiedData?: Uint8Array;
  /** The value given to global_timer_set, when called and not trapped. */
  globalTimer?: bigint;
  cyclesAccepted: bigint;
  /** Cycles removed from the balance (call_cycles_add128, cycles_burn128). */
  cyclesSpent: bigint;
  /** debug_print lines, kept even when the message trapped. */
  logs: string[];
  /**
   * Instructions the message executed, counted as the IC does (see instrument.ts); a message
   * stopped at its limit reports the limit.
   */
  instructions: bigint;
}

/** What a runtime exports, read from the module's export section. */
export interface ModuleInterface {
  updates: string[];
  queries: string[];
  compositeQueries: string[];
  hasInit: boolean;
  hasPreUpgrade: boolean;
  hasPostUpgrade: boolean;
  hasGlobalTimer: boolean;
  hasHeartbeat: boolean;
}
