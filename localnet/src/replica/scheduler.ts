import { Principal } from '@dfinity/principal';
import type { CallbackRef, ExecutionResult, OutgoingCall } from '../wasm/index.js';
import { type Canister, completeStop } from './canister.js';
import type { CanisterRegistry } from './canister-registry.js';
import { isManagementCanister } from './ids.js';
import type { MessageExecutor } from './message-execution.js';
import { type CallResult, RejectCode, reject, rejects } from './reject.js';
import type { RequestStatuses } from './request-statuses.js';

/** An authenticated ingress message, as the HTTP interface (or the library API) submits it. */
export interface IngressCall {
  requestId: Uint8Array;
  sender: Principal;
  canisterId: Principal;
  method: string;
  arg: Uint8Array;
  expiry: bigint;
}

/** How the management canister is called: runs a method of aaaaa-aa and answers with its result. */
export type ManagementHandler = (
  caller: Principal,
  method: string,
  arg: Uint8Array,
  info: { fromIngress: boolean; cycles: bigint },
) => Promise<CallResult>;

/** Where a call context's response goes. */
type Origin =
  | { kind: 'ingress'; requestId: string }
  | { kind: 'canister'; callId: number }
  | { kind: 'system' };

interface CallContext {
  canister: Canister;
  caller: Uint8Array;
  methodName: string;
  origin: Origin;
  responded: boolean;
  outstanding: number;
  cyclesAvailable: bigint;
  /** Instructions of every message of this call context so far (performance_counter(1)). */
  instructions: bigint;
}

interface PendingCall {
  from: CallContext;
  call: OutgoingCall;
}

type Task =
  | {
      kind: 'message';
      canister: Canister;
      method: string;
      arg: Uint8Array;
      caller: Uint8Array;
      origin: Origin;
      cycles: bigint;
    }
  | {
      kind: 'management';
      caller: Principal;
      method: string;
      arg: Uint8Array;
      origin: Origin;
      cycles: bigint;
      fromIngress: boolean;
    }
  | { kind: 'response'; callId: number; result: CallResult; refund: bigint }
  | { kind: 'timer'; canister: Canister };

export interface SchedulerParts {
  canisters: CanisterRegistry;
  executor: MessageExecutor;
  requests: RequestStatuses;
  management: ManagementHandler;
  /** Where a bug in localnet itself is reported (the message gets a SYS_FATAL reject). */
  onLog?: (entry: { canister: string; line: string }) => void;
  /** Called when a round ends (the queue ran empty): the replica certifies the round. */
  onRoundEnd: () => void;
}

/**
 * The message queue and call contexts: ingress messages, inter-canister calls and their responses,
 * management calls and global timers run one at a time (as on one IC subnet thread); a round ends
 * when the queue is empty. A call context stays open until its responses are all in; its reply or
 * reject goes to the ingress status, the calling canister's callback, or nowhere (timers).
 */
export class MessageScheduler {
  readonly #parts: SchedulerParts;
  #queue: Task[] = [];
  #pendingCalls = new Map<number, PendingCall>();
  #nextCallId = 1;
  #running = false;

  constructor(parts: SchedulerParts) {
    this.#parts = parts;
  }

  /** Whether a round is running or about to start. */
  get running(): boolean {
    return this.#running;
  }

  /** Whether messages wait in the queue. */
  get hasQueued(): boolean {
    return this.#queue.length > 0;
  }

  /** Queues an ingress message whose request status was just recorded as received. */
  submitIngress(requestId: string, call: IngressCall): void {
    const origin: Origin = { kind: 'ingress', requestId };
    if (isManagementCanister(call.canisterId)) {
      this.#enqueue({
        kind: 'management',
        caller: call.sender,
        method: call.method,
        arg: call.arg,
        origin,
        cycles: 0n,
        fromIngress: true,
      });
    } else {
      const canister = this.#parts.canisters.get(call.canisterId);
      if (!canister) {
        this.#respond(origin, rejects.canisterNotFound(call.canisterId.toText()));
        this.#scheduleRound();
      } else {
        this.#enqueue({
          kind: 'message',
          canister,
          method: call.method,
          arg: call.arg,
          caller: call.sender.toUint8Array(),
          origin,
          cycles: 0n,
        });
      }
    }
  }

  /** Queues a run of the canister's global timer (already deactivated by the caller). */
  enqueueTimer(canister: Canister): void {
    this.#enqueue({ kind: 'timer', canister });
  }

  #enqueue(task: Task): void {
    this.#queue.push(task);
    this.#scheduleRound();
  }

  /** Starts a round soon unless one is running (a round with an empty queue just commits). */
  #scheduleRound(): void {
    if (!this.#running) {
      this.#running = true;
      setImmediate(() => void this.#runRound());
    }
  }

  async #runRound(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const task = this.#queue.shift()!;
        try {
          await this.#runTask(task);
        } catch (error) {
          // A bug in localnet itself: answer the call rather than leaving it hanging forever.
          const message = `localnet internal error: ${(error as Error).stack ?? error}`;
          this.#parts.onLog?.({ canister: 'localnet', line: message });
          if (task.kind === 'message' || task.kind === 'management')
            this.#respond(task.origin, reject(RejectCode.SysFatal, 'IC0000', message));
        }
      }
    } finally {
      this.#running = false;
      this.#parts.onRoundEnd();
    }
  }

  async #runTask(task: Task): Promise<void> {
    switch (task.kind) {
      case 'message':
        return this.#runMessage(
          task.canister,
          task.method,
          task.arg,
          task.caller,
          task.origin,
          task.cycles,
        );
      case 'management': {
        const result = await this.#parts.management(task.caller, task.method, task.arg, {
          fromIngress: task.fromIngress,
          cycles: task.cycles,
        });
        return this.#respond(task.origin, result);
      }
      case 'response':
        return this.#runResponse(task.callId, task.result, task.refund);
      case 'timer':
        return this.#runTimer(task.canister);
    }
  }

  #runMessage(
    canister: Canister,
    method: string,
    arg: Uint8Array,
    caller: Uint8Array,
    origin: Origin,
    cycles: bigint,
  ): void {
    const { canisters, executor } = this.#parts;
    if (!canisters.isRegistered(canister))
      return this.#respond(origin, rejects.canisterNotFound(canister.idText));
    if (!canister.module) return this.#respond(origin, rejects.canisterEmpty(canister.idText));
    if (canister.status === 'stopped')
      return this.#respond(origin, rejects.canisterStopped(canister.idText));
    if (canister.status === 'stopping')
      return this.#respond(origin, rejects.canisterStopping(canister.idText));
    const iface = canister.module.runtime.interface;
    // An update call may target a query method: it then runs replicated and its changes persist.
    let entry: string;
    if (iface.updates.includes(method)) entry = `canister_update ${method}`;
    else if (iface.queries.includes(method)) entry = `canister_query ${method}`;
    else return this.#respond(origin, rejects.methodNotFound(canister.idText, 'update', method));
    if (origin.kind === 'ingress') this.#parts.requests.processing(origin.requestId);
    const cc: CallContext = {
      canister,
      caller,
      methodName: method,
      origin,
      responded: false,
      outstanding: 0,
      cyclesAvailable: cycles,
      instructions: 0n,
    };
    canister.openCallContexts++;
    const ctx = executor.context(canister, caller, method, arg, cycles);
    // A query method called as an update runs replicated; its state changes are still discarded.
    const kind = entry.startsWith('canister_query') ? 'query' : 'update';
    const result = executor.execute(canister, kind, entry, ctx);
    cc.instructions += result.instructions;
    this.#afterExecution(cc, result, kind === 'update');
  }

  #runTimer(canister: Canister): void {
    const { canisters, executor } = this.#parts;
    if (!canister.module || canister.status !== 'running' || !canisters.isRegistered(canister))
      return;
    if (!canister.module.runtime.interface.hasGlobalTimer) return;
    const cc: CallContext = {
      canister,
      caller: canister.id.toUint8Array(),
      methodName: 'canister_global_timer',
      origin: { kind: 'system' },
      responded: true,
      outstanding: 0,
      cyclesAvailable: 0n,
      instructions: 0n,
    };
    canister.openCallContexts++;
    const ctx = executor.context(canister, canister.id.toUint8Array(), '', new Uint8Array(0), 0n);
    const result = executor.execute(canister, 'global_timer', 'canister_global_timer', ctx);
    cc.instructions += result.instructions;
    this.#afterExecution(cc, result);
  }

  #runResponse(callId: number, result: CallResult, refund: bigint): void {
    const { canisters, executor } = this.#parts;
    const pending = this.#pendingCalls.get(callId);
    if (!pending) return;
    this.#pendingCalls.delete(callId);
    const cc = pending.from;
    const canister = cc.canister;
    cc.outstanding--;
    if (!canister.module || !canisters.isRegistered(canister)) {
      // The caller was uninstalled or deleted meanwhile: the callback cannot run.
      return this.#maybeClose(cc);
    }
    canister.cycles += refund;
    const ctx = executor.context(canister, cc.caller, cc.methodName, new Uint8Array(0), 0n);
    ctx.cyclesRefunded = refund;
    ctx.callContextReplied = cc.responded;
    ctx.callContextInstructions = cc.instructions;
    let callback: CallbackRef;
    let execution: ExecutionResult;
    if (result.kind === 'reply') {
      ctx.arg = result.data;
      callback = pending.call.reply;
      execution = executor.execute(canister, 'reply_callback', callback, ctx);
    } else {
      ctx.rejectCode = result.code;
      ctx.rejectMessage = result.message;
      callback = pending.call.reject;
      execution = executor.execute(canister, 'reject_callback', callback, ctx);
    }
    cc.instructions += execution.instructions;
    if (execution.trap && pending.call.cleanup) {
      const cleanupCtx = executor.context(
        canister,
        cc.caller,
        cc.methodName,
        new Uint8Array(0),
        0n,
      );
      cleanupCtx.callContextInstructions = cc.instructions;
      const cleanup = executor.execute(canister, 'cleanup', pending.call.cleanup, cleanupCtx);
      cc.instructions += cleanup.instructions;
      executor.log(canister, cleanup);
      if (!cleanup.trap) this.#applyEffects(canister, cleanup);
    }
    this.#afterExecution(cc, execution);
  }

  /** Applies a message's outcome: its effects, its response, its outgoing calls. */
  #afterExecution(cc: CallContext, result: ExecutionResult, bumpsVersion = true): void {
    const canister = cc.canister;
    this.#parts.executor.log(canister, result);
    if (result.trap) {
      if (!cc.responded && cc.outstanding === 0) {
        this.#respondContext(
          cc,
          reject(RejectCode.CanisterError, result.trap.errorCode, result.trap.message),
        );
      }
      return this.#maybeClose(cc);
    }
    this.#applyEffects(canister, result);
    if (bumpsVersion) canister.version++;
    if (result.reply && !cc.responded)
      this.#respondContext(cc, { kind: 'reply', data: result.reply });
    else if (result.reject !== undefined && !cc.responded)
      this.#respondContext(cc, reject(RejectCode.CanisterReject, 'IC0406', result.reject));
    for (const call of result.calls) {
      const callId = this.#nextCallId++;
      this.#pendingCalls.set(callId, { from: cc, call });
      cc.outstanding++;
      this.#dispatch(canister, callId, call);
    }
    if (!cc.responded && cc.outstanding === 0)
      this.#respondContext(cc, rejects.didNotReply(canister.idText));
    this.#maybeClose(cc);
  }

  #applyEffects(canister: Canister, result: ExecutionResult): void {
    if (result.certifiedData) {
      canister.certifiedData = result.certifiedData;
      this.#parts.canisters.markDirty(canister);
    }
    if (result.globalTimer !== undefined) canister.globalTimer = result.globalTimer;
    canister.cycles += result.cyclesAccepted - result.cyclesSpent;
  }

  #dispatch(from: Canister, callId: number, call: OutgoingCall): void {
    const caller = from.id;
    if (isManagementCanister(call.callee)) {
      this.#enqueue({
        kind: 'management',
        caller,
        method: call.method,
        arg: call.arg,
        origin: { kind: 'canister', callId },
        cycles: call.cycles,
        fromIngress: false,
      });
      return;
    }
    const callee = this.#parts.canisters.get(Principal.fromUint8Array(call.callee));
    if (!callee) {
      this.#enqueue({
        kind: 'response',
        callId,
        result: rejects.canisterNotFound(Principal.fromUint8Array(call.callee).toText()),
        refund: call.cycles,
      });
      return;
    }
    this.#enqueue({
      kind: 'message',
      canister: callee,
      method: call.method,
      arg: call.arg,
      caller: caller.toUint8Array(),
      origin: { kind: 'canister', callId },
      cycles: call.cycles,
    });
  }

  #respondContext(cc: CallContext, result: CallResult): void {
    cc.responded = true;
    // Cycles attached to the call and not accepted go back to the caller with the response.
    this.#respond(cc.origin, result, cc.cyclesAvailable, cc.instructions);
  }

  #respond(origin: Origin, result: CallResult, refund = 0n, instructions?: bigint): void {
    if (origin.kind === 'ingress') {
      this.#parts.requests.finish(origin.requestId, result, instructions);
    } else if (origin.kind === 'canister') {
      this.#enqueue({ kind: 'response', callId: origin.callId, result, refund });
    }
  }

  #maybeClose(cc: CallContext): void {
    if (cc.outstanding > 0) return;
    const canister = cc.canister;
    canister.openCallContexts = Math.max(0, canister.openCallContexts - 1);
    if (canister.status === 'stopping' && canister.openCallContexts === 0) completeStop(canister);
  }
}
