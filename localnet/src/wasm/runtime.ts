/**
 * Runs one canister module in Node's WebAssembly behind the ic0 System API.
 *
 * State model: the heap and mutable globals as of the last committed message are kept in a
 * shadow copy. A successful replicated message copies the heap pages it wrote into it; a trap or
 * any query copies those pages back (dirty-pages.ts: the instrumented stores mark them). A module
 * without that tracking (64-bit memory) copies the whole heap instead. Stable memory uses its own
 * undo journal. If a rolled-back message grew the wasm memory (which cannot shrink), the
 * instance is re-created from the cached compiled module before the shadow copy is written back.
 *
 * Instructions: the module is instrumented (instrument.ts); each message starts with its budget
 * in the module's counter global and ends with what is left. A message that goes over its limit
 * traps with IC0522 and is rolled back like any trap.
 */
import { apiMode, isNonReplicated } from './api-modes.js';
import {
  HostTrap,
  RuntimeUsageError,
  instructionLimitExceeded,
  limitTrap,
  toTrap,
  trapped,
} from './errors.js';
import { DirtyPages } from './dirty-pages.js';
import { enterExecution, leaveExecution } from './execution-watch.js';
import { MessageState } from './message-state.js';
import { IC_INSTRUCTION_LIMITS, InstructionMeter, instructionLimitFor } from './metering.js';
import { DIRTY_PAGE_SHIFT } from './instrument.js';
import { compileCanister, type CompiledCanister } from './module-cache.js';
import type { GlobalType } from './patch-exports.js';
import { StableMemory, type SerializedStableMemory } from './stable-memory.js';
import { createSystemApi, principalText } from './system-api.js';
import type {
  CallbackRef,
  ExecutionResult,
  MessageContext,
  MessageKind,
  ModuleInterface,
} from './types.js';

const WASM_PAGE = 65_536;
const DIRTY_PAGE_BYTES = 1 << DIRTY_PAGE_SHIFT;

export type GlobalValue = number | bigint;

/** The full state of an instance between messages (in memory; see serialize() for disk). */
export interface RuntimeSnapshot {
  readonly heap: Uint8Array;
  readonly globals: readonly GlobalValue[];
  readonly stable: StableMemory;
}

/** Plain data for a state directory: only non-zero 64 KiB heap pages are kept. */
export interface SerializedRuntime {
  wasmHash: string;
  heapPages: number;
  heapChunks: { index: number; data: Uint8Array }[];
  globals: GlobalValue[];
  stable: SerializedStableMemory;
}

export interface LoadOptions {
  /** Stable memory to run over (e.g. the one an upgrade keeps); a fresh one by default. */
  stable?: StableMemory;
  /** Limit for a fresh stable memory (default: the IC's 500 GiB). */
  maxStableBytes?: bigint;
  /** Instruction limit of a wasm start function (default: the IC's install limit). */
  startInstructionLimit?: bigint;
}

const FIXED_ENTRIES: Partial<Record<MessageKind, string>> = {
  init: 'canister_init',
  pre_upgrade: 'canister_pre_upgrade',
  post_upgrade: 'canister_post_upgrade',
  global_timer: 'canister_global_timer',
  heartbeat: 'canister_heartbeat',
};
const CALLBACK_KINDS: ReadonlySet<MessageKind> = new Set([
  'reply_callback',
  'reject_callback',
  'cleanup',
]);

export class CanisterRuntime {
  readonly stable: StableMemory;
  private instance!: WebAssembly.Instance;
  private memory!: WebAssembly.Memory;
  private table: WebAssembly.Table | undefined;
  private globals: WebAssembly.Global[] = [];
  private counter!: WebAssembly.Global;
  private committedHeap: Uint8Array = new Uint8Array(0);
  private committedGlobals: GlobalValue[] = [];
  /** The memory of a fresh instance: the least a loaded state may have. */
  private readonly initialHeapBytes: number;
  private current: MessageState | undefined;
  private readonly imports: WebAssembly.Imports;
  /** The pages written since the last commit or rollback; undefined without tracking. */
  private readonly dirty: DirtyPages | undefined;
  /** Pages copied by the last commit or rollback (the whole heap's when copied in full). */
  lastCopiedPages = 0;

  private constructor(
    private readonly compiled: CompiledCanister,
    stable: StableMemory,
    private readonly startInstructionLimit: bigint,
  ) {
    this.stable = stable;
    this.dirty = compiled.dirty ? new DirtyPages() : undefined;
    const dirty = this.dirty;
    this.imports = {
      ic0: createSystemApi({
        memory: () => this.memory,
        stable: this.stable,
        state: () => this.current,
        written: dirty ? (start, length) => dirty.markHost(start, length) : () => {},
      }) as WebAssembly.ModuleImports,
    };
    this.instantiate();
    this.initialHeapBytes = this.memory.buffer.byteLength;
    this.committedHeap = this.heapView().slice();
    this.committedGlobals = this.globals.map((g) => g.value as GlobalValue);
  }

  /** Compiles (cached by wasm hash) and instantiates a raw (not gzipped) canister module. */
  static async load(wasm: Uint8Array, options: LoadOptions = {}): Promise<CanisterRuntime> {
    const compiled = await compileCanister(wasm);
    const stable =
      options.stable ??
      new StableMemory(
        options.maxStableBytes !== undefined ? { maxBytes: options.maxStableBytes } : {},
      );
    return new CanisterRuntime(
      compiled,
      stable,
      options.startInstructionLimit ?? IC_INSTRUCTION_LIMITS.install,
    );
  }

  get interface(): ModuleInterface {
    return this.compiled.interface;
  }

  /** The value types of the mutable globals that snapshot() and restore() carry, in their order. */
  get globalTypes(): readonly GlobalType[] {
    return this.compiled.globalTypes;
  }

  /** SHA-256 (hex) of the raw wasm this runtime runs. */
  get wasmHash(): string {
    return this.compiled.hash;
  }

  customSection(name: string): Uint8Array | undefined {
    const [section] = WebAssembly.Module.customSections(this.compiled.module, name);
    return section ? new Uint8Array(section) : undefined;
  }

  /**
   * Runs one message to completion. A trap is reported in the result, never thrown, and leaves
   * the instance as it was before the message; misuse (unknown entry, wrong kind) throws RuntimeUsageError.
   */
  execute(kind: MessageKind, entry: string | CallbackRef, ctx: MessageContext): ExecutionResult {
    if (this.current) throw new RuntimeUsageError('execute() called while a message is running');
    const invoke = this.resolveEntry(kind, entry);
    const mode = apiMode(kind, typeof entry === 'string' ? entry : undefined, ctx.replicated);
    const meter = new InstructionMeter(
      this.counter,
      ctx.instructionLimit ?? instructionLimitFor(kind),
      ctx.instructionsUsedBefore,
    );
    const state = new MessageState(mode, ctx, meter);
    if (!invoke) return this.result(state, undefined);

    this.stable.begin();
    this.current = state;
    let failure: unknown;
    let failed = false;
    enterExecution();
    try {
      invoke();
    } catch (e) {
      failed = true;
      failure = e;
    } finally {
      leaveExecution();
      this.current = undefined;
    }
    // Past its budget the message failed, whatever stopped it: the check at a function entry or
    // loop header, a host charge, or the end of the message inside blocks that are charged but
    // not checked (the IC checks only where code can repeat).
    if (meter.exceeded) {
      failed = true;
      failure = instructionLimitExceeded();
    }
    // Queries never change state (replicated or not), nor do composite query callbacks.
    if (failed || mode === 'RQ' || isNonReplicated(mode)) {
      this.rollback();
      this.stable.rollback();
    } else {
      this.commit();
      this.stable.commit();
    }
    return this.result(state, failed ? failure : undefined, failed);
  }

  /** Heap, globals and stable memory as they are now (between messages). */
  snapshot(): RuntimeSnapshot {
    this.requireIdle('snapshot');
    return {
      heap: this.committedHeap.slice(),
      globals: [...this.committedGlobals],
      stable: this.stable.clone(),
    };
  }

  /**
   * Replaces heap, globals and stable memory with `state`, as when a canister snapshot is loaded
   * into a freshly loaded runtime of its module. The globals are the mutable ones, in the order and
   * of the types of `globalTypes`; stable memory pages are shared copy-on-write with `state.stable`.
   * Throws RuntimeUsageError, and keeps the current state, when `state` does not fit the module:
   * another number of globals, a heap that is not whole wasm pages, smaller than the module's
   * initial memory or over its maximum.
   */
  loadState(state: RuntimeSnapshot): void {
    this.requireIdle('loadState');
    this.checkState(state.heap.length, state.globals);
    if (state.heap.length < this.initialHeapBytes) {
      throw new RuntimeUsageError(
        `a wasm memory of ${state.heap.length} bytes is smaller than the module's initial memory of ${this.initialHeapBytes} bytes`,
      );
    }
    const before = { heap: this.committedHeap, globals: this.committedGlobals };
    this.committedHeap = state.heap;
    this.committedGlobals = [...state.globals];
    try {
      this.restoreAll();
    } catch (e) {
      this.committedHeap = before.heap;
      this.committedGlobals = before.globals;
      this.restoreAll();
      throw new RuntimeUsageError(
        `a wasm memory of ${state.heap.length} bytes does not fit the module: ${(e as Error).message}`,
      );
    }
    this.stable.restoreFrom(state.stable);
  }

  /**
   * Forgets a message that was stopped from outside (its JavaScript terminated, so execute()
   * never returned): heap, globals and stable memory go back to what the last message committed.
   * Returns whether one was running.
   */
  abandonMessage(): boolean {
    if (!this.current) return false;
    this.current = undefined;
    leaveExecution();
    this.restoreAll();
    if (this.stable.inTransaction) this.stable.rollback();
    return true;
  }

  /** Puts back a snapshot of this runtime (e.g. to undo a failed upgrade). */
  restore(s: RuntimeSnapshot): void {
    this.requireIdle('restore');
    this.checkState(s.heap.length, s.globals);
    this.committedHeap = s.heap.slice();
    this.committedGlobals = [...s.globals];
    this.restoreAll();
    this.stable.restoreFrom(s.stable);
  }

  serialize(): SerializedRuntime {
    this.requireIdle('serialize');
    const heapChunks: SerializedRuntime['heapChunks'] = [];
    const heap = this.committedHeap;
    for (let index = 0; index * WASM_PAGE < heap.length; index++) {
      const page = heap.subarray(index * WASM_PAGE, (index + 1) * WASM_PAGE);
      if (!isZero(page)) heapChunks.push({ index, data: page.slice() });
    }
    return {
      wasmHash: this.compiled.hash,
      heapPages: heap.length / WASM_PAGE,
      heapChunks,
      globals: [...this.committedGlobals],
      stable: this.stable.serialize(),
    };
  }

  static async deserialize(wasm: Uint8Array, s: SerializedRuntime): Promise<CanisterRuntime> {
    const rt = await CanisterRuntime.load(wasm, { stable: StableMemory.deserialize(s.stable) });
    if (s.wasmHash !== rt.compiled.hash) {
      throw new RuntimeUsageError(
        `serialized state belongs to wasm ${s.wasmHash}, not ${rt.compiled.hash}`,
      );
    }
    rt.checkState(s.heapPages * WASM_PAGE, s.globals);
    const heap = new Uint8Array(s.heapPages * WASM_PAGE);
    for (const { index, data } of s.heapChunks) {
      if (data.length !== WASM_PAGE || index < 0 || index >= s.heapPages) {
        throw new RuntimeUsageError(`serialized heap page ${index} is malformed`);
      }
      heap.set(data, index * WASM_PAGE);
    }
    rt.committedHeap = heap;
    rt.committedGlobals = [...s.globals];
    rt.restoreAll();
    return rt;
  }

  memoryStats(): { heapBytes: number; stableBytes: bigint } {
    return { heapBytes: this.memory.buffer.byteLength, stableBytes: this.stable.sizeBytes };
  }

  private instantiate(): void {
    this.instance = new WebAssembly.Instance(this.compiled.module, this.imports);
    const ex = this.instance.exports;
    this.counter = ex[this.compiled.counterExport] as WebAssembly.Global;
    // Before any code runs: a store reaches the marker through this table.
    if (this.dirty && this.compiled.dirty) {
      this.dirty.attach(
        ex[this.compiled.dirty.tableExport] as WebAssembly.Table,
        this.compiled.dirty.lastExports.map((name) => ex[name] as WebAssembly.Global),
      );
    }
    // The former start function runs now with the restricted "s" System API and its own budget
    // (the IC runs it as canister_start); a trap in it fails the load.
    if (this.compiled.startExport) {
      const meter = new InstructionMeter(this.counter, this.startInstructionLimit);
      this.current = new MessageState('s', START_CONTEXT, meter);
      enterExecution();
      try {
        (ex[this.compiled.startExport] as () => void)();
      } catch (e) {
        throw meter.exceeded ? instructionLimitExceeded() : e;
      } finally {
        leaveExecution();
        this.current = undefined;
      }
      if (meter.exceeded) throw instructionLimitExceeded();
    }
    this.memory = ex.memory as WebAssembly.Memory;
    this.table = this.compiled.tableExport
      ? (ex[this.compiled.tableExport] as WebAssembly.Table)
      : undefined;
    this.globals = this.compiled.globalExports.map((name) => ex[name] as WebAssembly.Global);
  }

  private heapView(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  private commit(): void {
    const heap = this.heapView();
    if (this.dirty && heap.length === this.committedHeap.length) {
      this.lastCopiedPages = this.dirty.copyMarked(heap, this.committedHeap);
    } else {
      if (heap.length === this.committedHeap.length) this.committedHeap.set(heap);
      else this.committedHeap = heap.slice();
      this.dirty?.clearAll();
      this.lastCopiedPages = heap.length / DIRTY_PAGE_BYTES;
    }
    for (let i = 0; i < this.globals.length; i++)
      this.committedGlobals[i] = this.globals[i]!.value as GlobalValue;
  }

  /** Undoes the message just run: the pages it wrote, or everything when the memory grew. */
  private rollback(): void {
    if (this.dirty && this.memory.buffer.byteLength === this.committedHeap.length) {
      this.lastCopiedPages = this.dirty.copyMarked(this.committedHeap, this.heapView());
      for (let i = 0; i < this.globals.length; i++)
        this.globals[i]!.value = this.committedGlobals[i]!;
      return;
    }
    this.restoreAll();
  }

  /** Makes the live instance equal to the committed heap and globals, copying the whole heap. */
  private restoreAll(): void {
    const target = this.committedHeap.length;
    if (this.memory.buffer.byteLength > target) this.instantiate();
    const current = this.memory.buffer.byteLength;
    if (current < target) this.memory.grow((target - current) / WASM_PAGE);
    this.heapView().set(this.committedHeap);
    for (let i = 0; i < this.globals.length; i++)
      this.globals[i]!.value = this.committedGlobals[i]!;
    this.dirty?.clearAll();
    this.lastCopiedPages = target / DIRTY_PAGE_BYTES;
  }

  private checkState(heapBytes: number, globals: readonly GlobalValue[]): void {
    if (heapBytes % WASM_PAGE !== 0 || heapBytes < WASM_PAGE) {
      throw new RuntimeUsageError(`heap of ${heapBytes} bytes is not a whole number of wasm pages`);
    }
    if (globals.length !== this.globals.length) {
      throw new RuntimeUsageError(
        `state has ${globals.length} globals, the module ${this.globals.length}`,
      );
    }
  }

  private requireIdle(what: string): void {
    if (this.current) throw new RuntimeUsageError(`${what}() called while a message is running`);
  }

  /** The function to run, or undefined for an optional hook the module does not export. */
  private resolveEntry(kind: MessageKind, entry: string | CallbackRef): (() => void) | undefined {
    if (CALLBACK_KINDS.has(kind)) {
      if (typeof entry === 'string')
        throw new RuntimeUsageError(`${kind} needs a CallbackRef, not "${entry}"`);
      return () => this.callTable(entry);
    }
    if (typeof entry !== 'string')
      throw new RuntimeUsageError(`${kind} needs an export name, not a callback`);
    const fixed = FIXED_ENTRIES[kind];
    const fits =
      fixed !== undefined
        ? entry === fixed
        : kind === 'update'
          ? entry.startsWith('canister_update ')
          : entry.startsWith('canister_query ') || entry.startsWith('canister_composite_query ');
    if (!fits) throw new RuntimeUsageError(`"${entry}" is not a ${kind} entry point`);
    const fn = this.instance.exports[entry];
    if (typeof fn === 'function') return fn as () => void;
    if (fixed !== undefined) return undefined; // hooks are optional
    throw new RuntimeUsageError(`the module has no export "${entry}"`);
  }

  private callTable(ref: CallbackRef): void {
    let fn: unknown;
    try {
      fn = this.table?.get(ref.fn);
    } catch {
      fn = undefined;
    }
    if (typeof fn !== 'function') throw trapped('table out of bounds');
    (fn as (env: number) => void)(ref.env);
  }

  private result(state: MessageState, failure: unknown, failed = false): ExecutionResult {
    const meter = state.meter;
    const overLimit =
      meter.exceeded || (failure instanceof HostTrap && failure.kind === 'instruction_limit');
    // A message stopped at its limit used (and on the IC pays for) the whole budget.
    const instructions = overLimit ? meter.budget : meter.used;
    if (failed) {
      const id = principalText(state.ctx.canisterId);
      return {
        trap: overLimit ? limitTrap(id, meter.limit) : toTrap(failure, id),
        calls: [],
        cyclesAccepted: 0n,
        cyclesSpent: 0n,
        logs: state.logs,
        instructions,
      };
    }
    return {
      ...(state.reply ? { reply: state.reply } : {}),
      ...(state.reject !== undefined ? { reject: state.reject } : {}),
      calls: state.calls,
      ...(state.certifiedData ? { certifiedData: state.certifiedData } : {}),
      ...(state.timerSet ? { globalTimer: state.timer } : {}),
      cyclesAccepted: state.cyclesAccepted,
      cyclesSpent: state.cyclesSpent,
      logs: state.logs,
      instructions,
    };
  }
}

const START_CONTEXT: MessageContext = {
  canisterId: new Uint8Array(0),
  caller: new Uint8Array(0),
  methodName: '',
  arg: new Uint8Array(0),
  time: 0n,
  replicated: true,
  controllers: [],
  canisterVersion: 0n,
  cyclesBalance: 0n,
  cyclesAvailable: 0n,
  cyclesRefunded: 0n,
  globalTimer: 0n,
};

function isZero(bytes: Uint8Array): boolean {
  // Compare 8 bytes at a time; heap pages are 8-byte aligned.
  const words = new BigUint64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
  for (let i = 0; i < words.length; i++) if (words[i] !== 0n) return false;
  return true;
}
