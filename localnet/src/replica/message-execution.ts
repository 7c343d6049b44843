import {
  type CallbackRef,
  type ExecutionResult,
  type InstructionLimits,
  type MessageContext,
  type MessageKind,
  instructionLimitFor,
} from '../wasm/index.js';
import type { Canister } from './canister.js';
import type { Clock } from './clock.js';

/** One executed message, for metrics. */
export interface ExecutionRecord {
  canister: string;
  /** The method, or the system entry point (canister_init, canister_global_timer, ...). */
  method: string;
  kind: MessageKind;
  instructions: bigint;
  /** IC error code when the message trapped (IC0522: over its instruction limit). */
  errorCode?: string;
}

export interface ExecutionHooks {
  /** Called with every debug_print line and trap, for the request log. */
  onLog?: (entry: { canister: string; line: string }) => void;
  /** Called after every canister message (also install hooks), for metrics. */
  onExecution?: (record: ExecutionRecord) => void;
}

/**
 * Runs one message of a canister's module: builds its context, applies the instruction limit of
 * its kind, and reports it (onExecution for metrics, onLog for its debug_print lines and trap).
 * What the outcome does to the canister and its call context is the scheduler's business.
 */
export class MessageExecutor {
  readonly #clock: Clock;
  readonly #limits: Readonly<InstructionLimits>;
  readonly #hooks: ExecutionHooks;

  constructor(clock: Clock, limits: Readonly<InstructionLimits>, hooks: ExecutionHooks) {
    this.#clock = clock;
    this.#limits = limits;
    this.#hooks = hooks;
  }

  /** The context of a message to `canister` (replicated; callers adjust it for queries, callbacks). */
  context(
    canister: Canister,
    caller: Uint8Array,
    method: string,
    arg: Uint8Array,
    cyclesAvailable: bigint,
  ): MessageContext {
    return {
      canisterId: canister.id.toUint8Array(),
      caller,
      methodName: method,
      arg,
      time: this.#clock.canisterTime(),
      replicated: true,
      controllers: canister.controllers.map((c) => c.toUint8Array()),
      canisterVersion: canister.version,
      cyclesBalance: canister.cycles,
      cyclesAvailable,
      cyclesRefunded: 0n,
      globalTimer: canister.globalTimer,
    };
  }

  /**
   * Runs one message of `canister` with the instruction limit of its kind, and reports it to
   * onExecution. Callbacks, cleanups and timers keep their call's method name in the record.
   */
  execute(
    canister: Canister,
    kind: MessageKind,
    entry: string | CallbackRef,
    ctx: MessageContext,
  ): ExecutionResult {
    ctx.instructionLimit = instructionLimitFor(kind, this.#limits);
    const result = canister.module!.runtime.execute(kind, entry, ctx);
    this.record(canister, ctx.methodName || String(entry), kind, result);
    return result;
  }

  /** Reports an executed message to onExecution (install_code reports its hooks here too). */
  record(canister: Canister, method: string, kind: MessageKind, result: ExecutionResult): void {
    this.#hooks.onExecution?.({
      canister: canister.idText,
      method,
      kind,
      instructions: result.instructions,
      ...(result.trap ? { errorCode: result.trap.errorCode } : {}),
    });
  }

  /** Sends a message's debug_print lines and trap to onLog. */
  log(canister: Canister, result: ExecutionResult): void {
    const onLog = this.#hooks.onLog;
    if (!onLog) return;
    for (const line of result.logs) onLog({ canister: canister.idText, line });
    if (result.trap) onLog({ canister: canister.idText, line: `trap: ${result.trap.message}` });
  }
}
