import type { Principal } from '@dfinity/principal';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  type ExecutionResult,
  IC_INSTRUCTION_LIMITS,
  type InstructionLimits,
  type MessageKind,
} from '../wasm/index.js';
import { type Canister, completeStop, isController } from './canister.js';
import { CanisterRegistry } from './canister-registry.js';
import { Clock } from './clock.js';
import { handleManagementCall } from './management.js';
import type { ManagementHost } from './management-host.js';
import { type ExecutionHooks, MessageExecutor } from './message-execution.js';
import { type QueryResult, executeQuery } from './query-execution.js';
import { RejectCode, reject } from './reject.js';
import { type RequestStatus, RequestStatuses } from './request-statuses.js';
import { type IngressCall, MessageScheduler } from './scheduler.js';
import type { CertifiedState } from './certified-state.js';

export interface ReplicaOptions extends ExecutionHooks {
  /** Cycles given to canisters created without an amount. */
  defaultCycles?: bigint;
  /** Instruction limits per message kind; the IC's by default. */
  instructionLimits?: Partial<InstructionLimits>;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const DEFAULT_CYCLES = 100_000_000_000_000n;

/**
 * The execution layer of localnet, assembled from its parts: the canister registry
 * (canister-registry.ts), request statuses (request-statuses.ts), message execution
 * (message-execution.ts, query-execution.ts), the message queue and call contexts (scheduler.ts) and the
 * management canister (management.ts, which reaches the replica through ManagementHost only).
 * A round ends when the queue is empty, and only then are the new request statuses written to the
 * certified state tree, so one certificate signature covers every call that finished in that round.
 *
 * Events: 'round' after every round; 'certified' with the set of request ids (hex) it certified.
 */
export class Replica extends EventEmitter implements ManagementHost {
  readonly clock = new Clock();
  readonly canisters: Map<string, Canister>;
  readonly state: CertifiedState;
  readonly requests: Map<string, RequestStatus>;
  readonly options: ReplicaOptions;
  readonly instructionLimits: Readonly<InstructionLimits>;

  readonly #registry = new CanisterRegistry();
  readonly #statuses: RequestStatuses;
  readonly #executor: MessageExecutor;
  readonly #scheduler: MessageScheduler;
  #timer?: NodeJS.Timeout;
  #stopped = false;

  constructor(state: CertifiedState, options: ReplicaOptions = {}) {
    super();
    this.state = state;
    this.options = options;
    this.instructionLimits = { ...IC_INSTRUCTION_LIMITS, ...options.instructionLimits };
    this.setMaxListeners(0);
    this.canisters = this.#registry.byId;
    this.#statuses = new RequestStatuses(state);
    this.requests = this.#statuses.byId;
    this.#executor = new MessageExecutor(this.clock, this.instructionLimits, options);
    this.#scheduler = new MessageScheduler({
      canisters: this.#registry,
      executor: this.#executor,
      requests: this.#statuses,
      management: (caller, method, arg, info) =>
        handleManagementCall(this, caller, method, arg, info),
      onLog: (entry) => this.options.onLog?.(entry),
      onRoundEnd: () => {
        this.#commitRound();
        this.emit('round');
      },
    });
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
    return this.#registry.get(id);
  }

  /** Creates a canister, at `specifiedId` when given (provisional API), else at the next free index. */
  createCanister(controllers: Principal[], cycles?: bigint, specifiedId?: Principal): Canister {
    return this.#registry.create(
      controllers,
      cycles ?? this.options.defaultCycles ?? DEFAULT_CYCLES,
      specifiedId,
    );
  }

  deleteCanister(canister: Canister): void {
    this.#registry.delete(canister);
    this.state.removeCanister(canister.id);
  }

  /** Marks a canister's certified fields (certified data, module hash, controllers) for the next round. */
  markDirty(canister: Canister): void {
    this.#registry.markDirty(canister);
  }

  /** Whether `principal` may control `canister`. */
  isController(canister: Canister, principal: Principal): boolean {
    return isController(canister, principal);
  }

  /** Stopping → stopped, answering every stop_canister caller that waits. */
  completeStop(canister: Canister): void {
    completeStop(canister);
  }

  // ---------------------------------------------------------------- ingress

  /** Accepts an authenticated ingress call; false when the same request id is already known. */
  submit(call: IngressCall): boolean {
    const rid = hex(call.requestId);
    if (!this.#statuses.receive(rid, call.sender, call.expiry)) return false;
    this.#scheduler.submitIngress(rid, call);
    return true;
  }

  /** Instructions the called canister executed for an ingress call, once it has responded. */
  instructionsOf(requestId: Uint8Array): bigint | undefined {
    return this.#statuses.get(hex(requestId))?.instructions;
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
    const status = this.#statuses.get(hex(requestId));
    if (status?.result) return { ...status.result, instructions: status.instructions };
    return reject(
      RejectCode.SysTransient,
      'IC0000',
      `call to ${method} did not complete within ${timeoutMs} ms`,
    );
  }

  /** Resolves when every queued message has run and its round is certified. */
  async idle(): Promise<void> {
    while (this.#scheduler.running || this.#scheduler.hasQueued) {
      await new Promise((r) => this.once('round', r));
    }
  }

  // ---------------------------------------------------------------- execution

  /** Runs a query (non-replicated): its state changes are discarded. */
  query(canisterId: Principal, method: string, arg: Uint8Array, caller: Principal): QueryResult {
    const canister = this.#registry.get(canisterId);
    return executeQuery(this.#executor, this.state, canister, canisterId, method, arg, caller);
  }

  /** Reports an executed message to onExecution (install_code reports its hooks here too). */
  recordExecution(
    canister: Canister,
    method: string,
    kind: MessageKind,
    result: ExecutionResult,
  ): void {
    this.#executor.record(canister, method, kind, result);
  }

  // ---------------------------------------------------------------- rounds

  /** Writes this round's request statuses and canister changes into the state tree. */
  #commitRound(): void {
    const finished = this.#statuses.takeFinished();
    for (const rid of finished) {
      const status = this.#statuses.get(rid);
      if (status?.result) this.state.setRequestStatus(Buffer.from(rid, 'hex'), status.result);
    }
    for (const canister of this.#registry.takeDirty()) this.state.setCanister(canister);
    this.state.setTime(this.clock.certifiedTime());
    if (finished.size > 0) this.emit('certified', finished);
  }

  /** Writes pending canister changes into the state tree now (after loading a state dir). */
  commitNow(): void {
    if (!this.#scheduler.running) this.#commitRound();
  }

  /** Makes sure the certified time is recent (agents sync their clock from it). */
  refreshTime(maxAgeNs = 1_000_000_000n): void {
    if (this.#scheduler.running) return;
    const now = Clock.wallNs();
    if (now - this.state.time > maxAgeNs) this.state.setTime(this.clock.certifiedTime());
  }

  /** Runs a global timer right away if due (after install_code reset, for instance). */
  scheduleTimers(): void {
    this.#tick();
  }

  /** Housekeeping: queues due global timers, expires request statuses. */
  #tick(): void {
    if (this.#stopped) return;
    const now = this.clock.canisterTime();
    for (const canister of this.#registry.byId.values()) {
      if (
        canister.globalTimer !== 0n &&
        canister.globalTimer <= now &&
        canister.module &&
        canister.status === 'running'
      ) {
        // The IC deactivates the timer before running it; the canister sets it again if it wants.
        canister.globalTimer = 0n;
        this.#scheduler.enqueueTimer(canister);
      }
    }
    if (this.#statuses.expire(Clock.wallNs()) && !this.#scheduler.running)
      this.state.setTime(this.clock.certifiedTime());
  }
}
