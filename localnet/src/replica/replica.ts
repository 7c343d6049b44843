import { Principal } from '@dfinity/principal';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  type CallbackRef,
  type ExecutionResult,
  IC_INSTRUCTION_LIMITS,
  type InstructionLimits,
  type MessageContext,
  type MessageKind,
  type OutgoingCall,
  instructionLimitFor,
} from '../wasm/index.js';
import { type Canister, isController, newCanister } from './canister.js';
import { Clock } from './clock.js';
import { canisterIdFromIndex, inCanisterRange, isManagementCanister } from './ids.js';
import { handleManagementCall } from './management.js';
import { type CallResult, RejectCode, reject, rejects } from './reject.js';
import { ReplicaStateTree } from './state-tree.js';

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

/** A finished or running ingress message, as read_state reports it. */
export interface RequestStatus {
  status: 'received' | 'processing' | 'replied' | 'rejected' | 'done';
  result?: CallResult;
  sender: Principal;
  expiry: bigint;
  /** Instructions the called canister executed for the call up to its response (all its messages). */
  instructions?: bigint;
}

/** A query's outcome and the instructions it executed. */
export type QueryResult = CallResult & { instructions?: bigint };

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

export interface IngressCall {
  requestId: Uint8Array;
  sender: Principal;
  canisterId: Principal;
  method: string;
  arg: Uint8Array;
  expiry: bigint;
}

export interface ReplicaOptions {
  /** Cycles given to canisters created without an amount. */
  defaultCycles?: bigint;
  /** Called with every debug_print line and trap, for the request log. */
  onLog?: (entry: { canister: string; line: string }) => void;
  /** Called after every canister message (also install hooks), for metrics. */
  onExecution?: (record: ExecutionRecord) => void;
  /** Instruction limits per message kind; the IC's by default. */
  instructionLimits?: Partial<InstructionLimits>;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const DEFAULT_CYCLES = 100_000_000_000_000n;
/** How long a `done` request status is kept before it is forgotten. */
const DONE_RETENTION_NS = 5n * 60n * 1_000_000_000n;

/**
 * The execution layer of localnet: canisters, call contexts, the message queue and rounds.
 * Messages run one at a time (as on one IC subnet thread); a round ends when the queue is empty, and
 * only then are the new request statuses written to the certified state tree, so one certificate
 * signature covers every call that finished in that round.
 */
export class Replica extends EventEmitter {
  readonly clock = new Clock();
  readonly canisters = new Map<string, Canister>();
  readonly state: ReplicaStateTree;
  readonly requests = new Map<string, RequestStatus>();
  readonly options: ReplicaOptions;
  readonly instructionLimits: Readonly<InstructionLimits>;

  #queue: Task[] = [];
  #pendingCalls = new Map<number, PendingCall>();
  #nextCallId = 1;
  #nextIndex = 0n;
  #running = false;
  #finished: string[] = [];
  #dirtyCanisters = new Set<Canister>();
  #expiries: Array<{ expiry: bigint; requestId: string }> = [];
  #nextExpiryCheck = 0n;
  #timer?: NodeJS.Timeout;
  #stopped = false;

  constructor(state: ReplicaStateTree, options: ReplicaOptions = {}) {
    super();
    this.state = state;
    this.options = options;
    this.instructionLimits = { ...IC_INSTRUCTION_LIMITS, ...options.instructionLimits };
    this.setMaxListeners(0);
  }

  /** Starts the housekeeping tick (global timers, expiring request statuses). */
  start(): void {
    this.#timer = setInterval(() => this.#tick(), 20);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
  }

  // ---------------------------------------------------------------- canisters

  getCanister(id: Principal | string): Canister | undefined {
    return this.canisters.get(typeof id === 'string' ? id : id.toText());
  }

  /** Creates a canister, at `specifiedId` when given (provisional API), else at the next free index. */
  createCanister(controllers: Principal[], cycles?: bigint, specifiedId?: Principal): Canister {
    let id = specifiedId;
    if (id) {
      if (!inCanisterRange(id))
        throw new ReplicaError(`Specified id ${id.toText()} is not in the subnet's canister range`);
      if (this.canisters.has(id.toText()))
        throw new ReplicaError(`Canister ${id.toText()} is already installed`);
    } else {
      do id = canisterIdFromIndex(this.#nextIndex++);
      while (this.canisters.has(id.toText()));
    }
    const canister = newCanister(
      id,
      controllers,
      cycles ?? this.options.defaultCycles ?? DEFAULT_CYCLES,
    );
    this.canisters.set(canister.idText, canister);
    this.markDirty(canister);
    return canister;
  }

  deleteCanister(canister: Canister): void {
    this.canisters.delete(canister.idText);
    this.state.removeCanister(canister.id);
  }

  /** Marks a canister's certified fields (certified data, module hash, controllers) for the next round. */
  markDirty(canister: Canister): void {
    this.#dirtyCanisters.add(canister);
  }

  // ---------------------------------------------------------------- ingress

  /** Accepts an authenticated ingress call; false when the same request id is already known. */
  submit(call: IngressCall): boolean {
    const rid = hex(call.requestId);
    if (this.requests.has(rid)) return false;
    this.requests.set(rid, { status: 'received', sender: call.sender, expiry: call.expiry });
    this.#expiries.push({ expiry: call.expiry, requestId: rid });
    const origin: Origin = { kind: 'ingress', requestId: rid };
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
      const canister = this.getCanister(call.canisterId);
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
    return true;
  }

  /** Instructions the called canister executed for an ingress call, once it has responded. */
  instructionsOf(requestId: Uint8Array): bigint | undefined {
    return this.requests.get(hex(requestId))?.instructions;
  }

  /** Resolves once the request's final status is in the certified state tree (or the timeout passes). */
  waitForCertified(requestId: Uint8Array, timeoutMs: number): Promise<boolean> {
    const rid = hex(requestId);
    if (this.state.hasFinalStatus(requestId)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.off('certified', onRound);
        resolve(false);
      }, timeoutMs);
      const onRound = (rids: Set<string>) => {
        if (rids.has(rid)) {
          clearTimeout(timer);
          this.off('certified', onRound);
          resolve(true);
        }
      };
      this.on('certified', onRound);
    });
  }

  /**
   * Makes a call through the message queue as `sender` without an HTTP request (the library API,
   * the gateway's http_request_update): the call gets a request status like any ingress message.
   */
  async call(
    sender: Principal,
    canisterId: Principal,
    method: string,
    arg: Uint8Array,
    timeoutMs = 600_000,
  ): Promise<QueryResult> {
    const requestId = new Uint8Array(randomBytes(32));
    const expiry = Clock.wallNs() + 4n * 60n * 1_000_000_000n;
    this.submit({ requestId, sender, canisterId, method, arg, expiry });
    await this.waitForCertified(requestId, timeoutMs);
    const status = this.requests.get(hex(requestId));
    if (status?.result) return { ...status.result, instructions: status.instructions };
    return reject(
      RejectCode.SysTransient,
      'IC0000',
      `call to ${method} did not complete within ${timeoutMs} ms`,
    );
  }

  /** Resolves when every queued message has run and its round is certified. */
  async idle(): Promise<void> {
    while (this.#running || this.#queue.length > 0) {
      await new Promise((r) => this.once('round', r));
    }
  }

  // ---------------------------------------------------------------- queries

  /** Runs a query (non-replicated): its state changes are discarded. */
  query(canisterId: Principal, method: string, arg: Uint8Array, caller: Principal): QueryResult {
    const canister = this.getCanister(canisterId);
    if (!canister) return rejects.canisterNotFound(canisterId.toText());
    if (!canister.module) return rejects.canisterEmpty(canister.idText);
    if (canister.status !== 'running') {
      return canister.status === 'stopped'
        ? rejects.canisterStopped(canister.idText)
        : rejects.canisterStopping(canister.idText);
    }
    const iface = canister.module.runtime.interface;
    const isQuery = iface.queries.includes(method) || iface.compositeQueries.includes(method);
    if (!isQuery) return rejects.methodNotFound(canister.idText, 'query', method);
    const entry = iface.queries.includes(method)
      ? `canister_query ${method}`
      : `canister_composite_query ${method}`;
    const ctx = this.#context(canister, caller.toUint8Array(), method, arg, 0n);
    ctx.replicated = false;
    ctx.certificate = this.state.dataCertificate(canister.id);
    const result = this.#execute(canister, 'query', entry, ctx);
    this.#log(canister, result);
    const instructions = result.instructions;
    if (result.trap)
      return {
        ...reject(RejectCode.CanisterError, result.trap.errorCode, result.trap.message),
        instructions,
      };
    if (result.reply) return { kind: 'reply', data: result.reply, instructions };
    if (result.reject !== undefined)
      return { ...reject(RejectCode.CanisterReject, 'IC0406', result.reject), instructions };
    // Composite queries' outgoing calls are not supported by localnet.
    if (result.calls.length > 0)
      return {
        ...reject(
          RejectCode.CanisterError,
          'IC0504',
          `Error from Canister ${canister.idText}: composite query calls are not supported by localnet`,
        ),
        instructions,
      };
    return { ...rejects.didNotReply(canister.idText), instructions };
  }

  /**
   * Runs one message of `canister` with the instruction limit of its kind, and reports it to
   * onExecution. Callbacks, cleanups and timers keep their call's method name in the record.
   */
  #execute(
    canister: Canister,
    kind: MessageKind,
    entry: string | CallbackRef,
    ctx: MessageContext,
  ): ExecutionResult {
    ctx.instructionLimit = instructionLimitFor(kind, this.instructionLimits);
    const result = canister.module!.runtime.execute(kind, entry, ctx);
    this.recordExecution(canister, ctx.methodName || String(entry), kind, result);
    return result;
  }

  /** Reports an executed message to onExecution (install_code reports its hooks here too). */
  recordExecution(
    canister: Canister,
    method: string,
    kind: MessageKind,
    result: ExecutionResult,
  ): void {
    this.options.onExecution?.({
      canister: canister.idText,
      method,
      kind,
      instructions: result.instructions,
      ...(result.trap ? { errorCode: result.trap.errorCode } : {}),
    });
  }

  // ---------------------------------------------------------------- scheduler

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
          this.options.onLog?.({ canister: 'localnet', line: message });
          if (task.kind === 'message' || task.kind === 'management')
            this.#respond(task.origin, reject(RejectCode.SysFatal, 'IC0000', message));
        }
      }
    } finally {
      this.#running = false;
      this.#commitRound();
      this.emit('round');
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
        const result = await handleManagementCall(this, task.caller, task.method, task.arg, {
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

  #context(
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
      time: this.clock.canisterTime(),
      replicated: true,
      controllers: canister.controllers.map((c) => c.toUint8Array()),
      canisterVersion: canister.version,
      cyclesBalance: canister.cycles,
      cyclesAvailable,
      cyclesRefunded: 0n,
      globalTimer: canister.globalTimer,
    };
  }

  #runMessage(
    canister: Canister,
    method: string,
    arg: Uint8Array,
    caller: Uint8Array,
    origin: Origin,
    cycles: bigint,
  ): void {
    if (!this.canisters.has(canister.idText))
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
    if (origin.kind === 'ingress') this.#setStatus(origin.requestId, 'processing');
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
    const ctx = this.#context(canister, caller, method, arg, cycles);
    // A query method called as an update runs replicated; its state changes are still discarded.
    const kind = entry.startsWith('canister_query') ? 'query' : 'update';
    const result = this.#execute(canister, kind, entry, ctx);
    cc.instructions += result.instructions;
    this.#afterExecution(cc, result, kind === 'update');
  }

  #runTimer(canister: Canister): void {
    if (!canister.module || canister.status !== 'running' || !this.canisters.has(canister.idText))
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
    const ctx = this.#context(canister, canister.id.toUint8Array(), '', new Uint8Array(0), 0n);
    const result = this.#execute(canister, 'global_timer', 'canister_global_timer', ctx);
    cc.instructions += result.instructions;
    this.#afterExecution(cc, result);
  }

  #runResponse(callId: number, result: CallResult, refund: bigint): void {
    const pending = this.#pendingCalls.get(callId);
    if (!pending) return;
    this.#pendingCalls.delete(callId);
    const cc = pending.from;
    const canister = cc.canister;
    cc.outstanding--;
    if (!canister.module || !this.canisters.has(canister.idText)) {
      // The caller was uninstalled or deleted meanwhile: the callback cannot run.
      return this.#maybeClose(cc);
    }
    canister.cycles += refund;
    const ctx = this.#context(canister, cc.caller, cc.methodName, new Uint8Array(0), 0n);
    ctx.cyclesRefunded = refund;
    ctx.callContextReplied = cc.responded;
    ctx.callContextInstructions = cc.instructions;
    let callback: CallbackRef;
    let execution: ExecutionResult;
    if (result.kind === 'reply') {
      ctx.arg = result.data;
      callback = pending.call.reply;
      execution = this.#execute(canister, 'reply_callback', callback, ctx);
    } else {
      ctx.rejectCode = result.code;
      ctx.rejectMessage = result.message;
      callback = pending.call.reject;
      execution = this.#execute(canister, 'reject_callback', callback, ctx);
    }
    cc.instructions += execution.instructions;
    if (execution.trap && pending.call.cleanup) {
      const cleanupCtx = this.#context(canister, cc.caller, cc.methodName, new Uint8Array(0), 0n);
      cleanupCtx.callContextInstructions = cc.instructions;
      const cleanup = this.#execute(canister, 'cleanup', pending.call.cleanup, cleanupCtx);
      cc.instructions += cleanup.instructions;
      this.#log(canister, cleanup);
      if (!cleanup.trap) this.#applyEffects(canister, cleanup);
    }
    this.#afterExecution(cc, execution);
  }

  /** Applies a message's outcome: its effects, its response, its outgoing calls. */
  #afterExecution(cc: CallContext, result: ExecutionResult, bumpsVersion = true): void {
    const canister = cc.canister;
    this.#log(canister, result);
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
      this.markDirty(canister);
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
    const callee = this.getCanister(Principal.fromUint8Array(call.callee));
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
      const status = this.requests.get(origin.requestId);
      if (status) {
        status.status = result.kind === 'reply' ? 'replied' : 'rejected';
        status.result = result;
        if (instructions !== undefined) status.instructions = instructions;
        this.#finished.push(origin.requestId);
      }
    } else if (origin.kind === 'canister') {
      this.#enqueue({ kind: 'response', callId: origin.callId, result, refund });
    }
  }

  #maybeClose(cc: CallContext): void {
    if (cc.outstanding > 0) return;
    const canister = cc.canister;
    canister.openCallContexts = Math.max(0, canister.openCallContexts - 1);
    if (canister.status === 'stopping' && canister.openCallContexts === 0)
      this.completeStop(canister);
  }

  /** Stopping → stopped, answering every stop_canister caller that waits. */
  completeStop(canister: Canister): void {
    canister.status = 'stopped';
    const waiters = canister.stopWaiters.splice(0);
    for (const w of waiters) w();
  }

  #setStatus(requestId: string, status: RequestStatus['status']): void {
    const entry = this.requests.get(requestId);
    if (entry) entry.status = status;
  }

  #log(canister: Canister, result: ExecutionResult): void {
    if (!this.options.onLog) return;
    for (const line of result.logs) this.options.onLog({ canister: canister.idText, line });
    if (result.trap)
      this.options.onLog({ canister: canister.idText, line: `trap: ${result.trap.message}` });
  }

  // ---------------------------------------------------------------- rounds

  /** Writes this round's request statuses and canister changes into the state tree. */
  #commitRound(): void {
    const finished = new Set(this.#finished.splice(0));
    for (const rid of finished) {
      const status = this.requests.get(rid);
      if (status?.result) this.state.setRequestStatus(Buffer.from(rid, 'hex'), status.result);
    }
    for (const canister of this.#dirtyCanisters) {
      if (this.canisters.has(canister.idText)) this.state.setCanister(canister);
    }
    this.#dirtyCanisters.clear();
    this.state.setTime(this.clock.certifiedTime());
    if (finished.size > 0) this.emit('certified', finished);
  }

  /** Writes pending canister changes into the state tree now (after loading a state dir). */
  commitNow(): void {
    if (!this.#running) this.#commitRound();
  }

  /** Makes sure the certified time is recent (agents sync their clock from it). */
  refreshTime(maxAgeNs = 1_000_000_000n): void {
    if (this.#running) return;
    const now = Clock.wallNs();
    if (now - this.state.time > maxAgeNs) this.state.setTime(this.clock.certifiedTime());
  }

  #tick(): void {
    if (this.#stopped) return;
    const now = this.clock.canisterTime();
    for (const canister of this.canisters.values()) {
      if (
        canister.globalTimer !== 0n &&
        canister.globalTimer <= now &&
        canister.module &&
        canister.status === 'running'
      ) {
        // The IC deactivates the timer before running it; the canister sets it again if it wants.
        canister.globalTimer = 0n;
        this.#enqueue({ kind: 'timer', canister });
      }
    }
    this.#expireRequests(Clock.wallNs());
  }

  /**
   * After its ingress expiry a request's status becomes `done` and its reply is dropped, as on the
   * IC; `DONE_RETENTION_NS` later it is forgotten, so a long-running localnet does not grow forever.
   * Checked once a second: a linear pass is cheaper than keeping the list ordered on every submit.
   */
  #expireRequests(now: bigint): void {
    if (now < this.#nextExpiryCheck || this.#expiries.length === 0) return;
    this.#nextExpiryCheck = now + 1_000_000_000n;
    let changed = false;
    const keep: Array<{ expiry: bigint; requestId: string }> = [];
    for (const entry of this.#expiries) {
      const status = this.requests.get(entry.requestId);
      if (!status) continue;
      if (entry.expiry > now || status.status === 'received' || status.status === 'processing') {
        keep.push(entry);
      } else if (status.status !== 'done') {
        status.status = 'done';
        status.result = undefined;
        this.state.setRequestDone(Buffer.from(entry.requestId, 'hex'));
        keep.push({ expiry: entry.expiry + DONE_RETENTION_NS, requestId: entry.requestId });
        changed = true;
      } else {
        this.requests.delete(entry.requestId);
        this.state.removeRequest(Buffer.from(entry.requestId, 'hex'));
        changed = true;
      }
    }
    this.#expiries = keep;
    if (changed && !this.#running) this.state.setTime(this.clock.certifiedTime());
  }

  // ---------------------------------------------------------------- helpers for management

  /** Whether `principal` may control `canister`. */
  isController(canister: Canister, principal: Principal): boolean {
    return isController(canister, principal);
  }

  /** Runs a global timer right away if due (after install_code reset, for instance). */
  scheduleTimers(): void {
    this.#tick();
  }
}

/** An expected failure of a replica operation, reported to the caller as a reject. */
export class ReplicaError extends Error {
  constructor(
    message: string,
    readonly code: RejectCode = RejectCode.CanisterError,
    readonly errorCode = 'IC0504',
  ) {
    super(message);
    this.name = 'ReplicaError';
  }
}
