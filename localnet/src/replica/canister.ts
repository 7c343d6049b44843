import type { Principal } from '@dfinity/principal';
import type { CanisterRuntime } from '../wasm/index.js';

export type CanisterStatus = 'running' | 'stopping' | 'stopped';

export type LogVisibility =
  { controllers: null } | { public: null } | { allowed_viewers: Principal[] };

/** The settings the management canister reports in canister_status. */
export interface CanisterSettings {
  computeAllocation: bigint;
  memoryAllocation: bigint;
  freezingThreshold: bigint;
  reservedCyclesLimit: bigint;
  logVisibility: LogVisibility;
  wasmMemoryLimit: bigint;
  wasmMemoryThreshold: bigint;
}

export const DEFAULT_SETTINGS: CanisterSettings = {
  computeAllocation: 0n,
  memoryAllocation: 0n,
  freezingThreshold: 2_592_000n,
  reservedCyclesLimit: 5_000_000_000_000n,
  logVisibility: { controllers: null },
  wasmMemoryLimit: 3n * 1024n ** 3n,
  wasmMemoryThreshold: 0n,
};

/** The code installed in a canister. */
export interface InstalledModule {
  /** The raw wasm (un-gzipped) that the runtime runs. */
  wasm: Uint8Array;
  /** sha256 of the module exactly as submitted (gzipped or not), as the IC reports it. */
  hash: Uint8Array;
  runtime: CanisterRuntime;
}

/** Everything the replica knows about one canister. */
export interface Canister {
  id: Principal;
  idText: string;
  controllers: Principal[];
  status: CanisterStatus;
  cycles: bigint;
  settings: CanisterSettings;
  module?: InstalledModule;
  certifiedData: Uint8Array;
  /** canister_version: bumped by code installs, settings changes and every executed update. */
  version: bigint;
  /** ic0.global_timer_set value in ns; 0 = no timer. */
  globalTimer: bigint;
  /** Wasm chunk store for upload_chunk / install_chunked_code, keyed by hex sha256. */
  chunks: Map<string, Uint8Array>;
  /** Call contexts not yet closed; a stopping canister stops when this reaches 0. */
  openCallContexts: number;
  stopWaiters: Array<() => void>;
}

export function newCanister(id: Principal, controllers: Principal[], cycles: bigint): Canister {
  return {
    id,
    idText: id.toText(),
    controllers,
    status: 'running',
    cycles,
    settings: { ...DEFAULT_SETTINGS },
    certifiedData: new Uint8Array(0),
    version: 0n,
    globalTimer: 0n,
    chunks: new Map(),
    openCallContexts: 0,
    stopWaiters: [],
  };
}

export function isController(canister: Canister, principal: Principal): boolean {
  const text = principal.toText();
  return canister.controllers.some((c) => c.toText() === text);
}

/** Stopping → stopped, answering every stop_canister caller that waits. */
export function completeStop(canister: Canister): void {
  canister.status = 'stopped';
  const waiters = canister.stopWaiters.splice(0);
  for (const w of waiters) w();
}
