import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { createHash, randomBytes } from 'node:crypto';
import { type Canister, type CanisterSettings, completeStop, isController } from './canister.js';
import {
  CANISTER_ONLY_METHODS,
  managementMethods,
  type ManagementMethod,
} from './management-idl.js';
import { ReplicaError } from './errors.js';
import { type InstallMode, installCode } from './install-code.js';
import type { ManagementHost } from './management-host.js';
import { type CallResult, RejectCode, reject, rejects } from './reject.js';

const MAX_CONTROLLERS = 10;
const MAX_CHUNK_BYTES = 1024 * 1024;
const MAX_CHUNKS = 100_000;

type Args = Record<string, unknown>;
interface CallInfo {
  fromIngress: boolean;
  cycles: bigint;
}

const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * The management canister (aaaaa-aa): decodes the Candid argument, enforces controllers, and acts on
 * the replica (through ManagementHost). Every failure is a reject with the IC's code, never a thrown error.
 */
export async function handleManagementCall(
  host: ManagementHost,
  caller: Principal,
  method: string,
  arg: Uint8Array,
  info: CallInfo,
): Promise<CallResult> {
  if (!(method in managementMethods)) {
    return reject(
      RejectCode.DestinationInvalid,
      'IC0536',
      `Management canister has no method '${method}'`,
    );
  }
  if (info.fromIngress && CANISTER_ONLY_METHODS.has(method)) {
    return reject(
      RejectCode.CanisterReject,
      'IC0406',
      `Only canisters can call ic00 method ${method}`,
    );
  }
  const func = managementMethods[method as ManagementMethod];
  let args: unknown[];
  try {
    args = IDL.decode(func.argTypes, arg);
  } catch (error) {
    return reject(
      RejectCode.CanisterError,
      'IC0503',
      `Error decoding candid for ic00 method ${method}: ${(error as Error).message}`,
    );
  }
  try {
    const value = await run(
      host,
      caller,
      method as ManagementMethod,
      (args[0] ?? {}) as Args,
      info,
    );
    return {
      kind: 'reply',
      data: new Uint8Array(IDL.encode(func.retTypes, value === undefined ? [] : [value])),
    };
  } catch (error) {
    if (error instanceof ReplicaError)
      return reject(error.rejectCode, error.errorCode, error.message);
    throw error;
  }
}

function target(host: ManagementHost, id: Principal, caller: Principal, method: string): Canister {
  const canister = host.getCanister(id);
  if (!canister)
    throw new ReplicaError(
      `Canister ${id.toText()} not found`,
      RejectCode.DestinationInvalid,
      'IC0301',
    );
  if (!isController(canister, caller)) {
    const r = rejects.notController(canister.idText, method, caller.toText());
    throw new ReplicaError(
      r.kind === 'reject' ? r.message : '',
      RejectCode.CanisterError,
      'IC0512',
    );
  }
  return canister;
}

const opt = <T>(v: unknown): T | undefined =>
  Array.isArray(v) && v.length > 0 ? (v[0] as T) : undefined;

function applySettings(canister: Canister, settings: Args | undefined): void {
  if (!settings) return;
  const controllers = opt<Principal[]>(settings.controllers);
  if (controllers) {
    if (controllers.length > MAX_CONTROLLERS) {
      throw new ReplicaError(
        `Invalid settings: at most ${MAX_CONTROLLERS} controllers are allowed`,
        RejectCode.CanisterReject,
        'IC0406',
      );
    }
    canister.controllers = controllers;
  }
  const s: CanisterSettings = canister.settings;
  const nat = (name: string) => opt<bigint>(settings[name]);
  const freezing = nat('freezing_threshold');
  if (freezing !== undefined) s.freezingThreshold = freezing;
  const compute = nat('compute_allocation');
  if (compute !== undefined) {
    if (compute > 100n)
      throw new ReplicaError(
        'Invalid settings: compute_allocation must be between 0 and 100',
        RejectCode.CanisterReject,
        'IC0406',
      );
    s.computeAllocation = compute;
  }
  const memory = nat('memory_allocation');
  if (memory !== undefined) s.memoryAllocation = memory;
  const reserved = nat('reserved_cycles_limit');
  if (reserved !== undefined) s.reservedCyclesLimit = reserved;
  const wasmLimit = nat('wasm_memory_limit');
  if (wasmLimit !== undefined) s.wasmMemoryLimit = wasmLimit;
  const wasmThreshold = nat('wasm_memory_threshold');
  if (wasmThreshold !== undefined) s.wasmMemoryThreshold = wasmThreshold;
  const logVisibility = opt<CanisterSettings['logVisibility']>(settings.log_visibility);
  if (logVisibility) s.logVisibility = logVisibility;
}

function decodeMode(mode: Args): InstallMode {
  if ('install' in mode) return { kind: 'install' };
  if ('reinstall' in mode) return { kind: 'reinstall' };
  const flags = opt<Args>(mode.upgrade);
  return { kind: 'upgrade', skipPreUpgrade: opt<boolean>(flags?.skip_pre_upgrade) ?? false };
}

async function run(
  host: ManagementHost,
  caller: Principal,
  method: ManagementMethod,
  a: Args,
  info: CallInfo,
): Promise<unknown> {
  switch (method) {
    case 'provisional_create_canister_with_cycles':
    case 'create_canister': {
      const specified = opt<Principal>(a.specified_id);
      const amount = method === 'create_canister' ? info.cycles : opt<bigint>(a.amount);
      const settings = opt<Args>(a.settings);
      const canister = host.createCanister([caller], amount, specified);
      try {
        applySettings(canister, settings);
      } catch (error) {
        host.deleteCanister(canister);
        throw error;
      }
      host.markDirty(canister);
      return { canister_id: canister.id };
    }
    case 'provisional_top_up_canister': {
      const canister = host.getCanister(a.canister_id as Principal);
      if (!canister)
        throw new ReplicaError(
          `Canister ${(a.canister_id as Principal).toText()} not found`,
          RejectCode.DestinationInvalid,
          'IC0301',
        );
      canister.cycles += a.amount as bigint;
      return undefined;
    }
    case 'deposit_cycles': {
      const canister = host.getCanister(a.canister_id as Principal);
      if (!canister)
        throw new ReplicaError(
          `Canister ${(a.canister_id as Principal).toText()} not found`,
          RejectCode.DestinationInvalid,
          'IC0301',
        );
      canister.cycles += info.cycles;
      return undefined;
    }
    case 'install_code': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      await installCode(
        host,
        canister,
        decodeMode(a.mode as Args),
        a.wasm_module as Uint8Array,
        a.arg as Uint8Array,
        caller,
      );
      return undefined;
    }
    case 'upload_chunk': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      const chunk = a.chunk as Uint8Array;
      if (chunk.length > MAX_CHUNK_BYTES)
        throw new ReplicaError(
          `Chunk of ${chunk.length} bytes exceeds the maximum of ${MAX_CHUNK_BYTES} bytes`,
          RejectCode.CanisterReject,
          'IC0406',
        );
      if (canister.chunks.size >= MAX_CHUNKS)
        throw new ReplicaError('Wasm chunk store is full', RejectCode.CanisterReject, 'IC0406');
      const hash = sha256(chunk);
      canister.chunks.set(hex(hash), new Uint8Array(chunk));
      return { hash };
    }
    case 'clear_chunk_store': {
      target(host, a.canister_id as Principal, caller, method).chunks.clear();
      return undefined;
    }
    case 'stored_chunks': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      return [...canister.chunks.keys()].map((h) => ({
        hash: new Uint8Array(Buffer.from(h, 'hex')),
      }));
    }
    case 'install_chunked_code': {
      const canister = target(host, a.target_canister as Principal, caller, method);
      const store = opt<Principal>(a.store_canister);
      const storeCanister = store ? target(host, store, caller, method) : canister;
      const parts: Uint8Array[] = [];
      for (const { hash } of a.chunk_hashes_list as Array<{ hash: Uint8Array }>) {
        const chunk = storeCanister.chunks.get(hex(hash));
        if (!chunk)
          throw new ReplicaError(
            `Error from Wasm chunk store: chunk ${hex(hash)} not found`,
            RejectCode.CanisterReject,
            'IC0406',
          );
        parts.push(chunk);
      }
      const wasm = new Uint8Array(Buffer.concat(parts));
      if (hex(sha256(wasm)) !== hex(a.wasm_module_hash as Uint8Array)) {
        throw new ReplicaError(
          `Error from Wasm chunk store: wasm module hash ${hex(a.wasm_module_hash as Uint8Array)} does not match the hash ${hex(sha256(wasm))} of the assembled chunks`,
          RejectCode.CanisterReject,
          'IC0406',
        );
      }
      await installCode(
        host,
        canister,
        decodeMode(a.mode as Args),
        wasm,
        a.arg as Uint8Array,
        caller,
      );
      return undefined;
    }
    case 'uninstall_code': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      canister.module = undefined;
      canister.certifiedData = new Uint8Array(0);
      canister.globalTimer = 0n;
      canister.version++;
      host.markDirty(canister);
      return undefined;
    }
    case 'canister_status': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      const stats = canister.module?.runtime.memoryStats();
      const memory = stats ? BigInt(stats.heapBytes) + stats.stableBytes : 0n;
      const s = canister.settings;
      return {
        status: { [canister.status]: null },
        settings: {
          controllers: canister.controllers,
          compute_allocation: s.computeAllocation,
          memory_allocation: s.memoryAllocation,
          freezing_threshold: s.freezingThreshold,
          reserved_cycles_limit: s.reservedCyclesLimit,
          log_visibility: s.logVisibility,
          wasm_memory_limit: s.wasmMemoryLimit,
          wasm_memory_threshold: s.wasmMemoryThreshold,
        },
        module_hash: canister.module ? [canister.module.hash] : [],
        memory_size: memory,
        cycles: canister.cycles,
        reserved_cycles: 0n,
        idle_cycles_burned_per_day: 0n,
        query_stats: {
          num_calls_total: 0n,
          num_instructions_total: 0n,
          request_payload_bytes_total: 0n,
          response_payload_bytes_total: 0n,
        },
      };
    }
    case 'update_settings': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      applySettings(canister, a.settings as Args);
      canister.version++;
      host.markDirty(canister);
      return undefined;
    }
    case 'start_canister': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      // Starting a stopping canister answers the pending stop_canister calls with a reject.
      canister.stopWaiters.splice(0).forEach((w) => w());
      canister.status = 'running';
      return undefined;
    }
    case 'stop_canister': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      if (canister.status === 'stopped') return undefined;
      canister.status = 'stopping';
      if (canister.openCallContexts === 0) {
        completeStop(canister);
        return undefined;
      }
      await new Promise<void>((resolve) => canister.stopWaiters.push(resolve));
      if ((canister.status as string) !== 'stopped')
        throw new ReplicaError(
          `Canister ${canister.idText} was started while stopping`,
          RejectCode.CanisterError,
          'IC0510',
        );
      return undefined;
    }
    case 'delete_canister': {
      const canister = target(host, a.canister_id as Principal, caller, method);
      if (canister.status !== 'stopped')
        throw new ReplicaError(
          `Canister ${canister.idText} must be stopped before it is deleted.`,
          RejectCode.CanisterError,
          'IC0510',
        );
      host.deleteCanister(canister);
      return undefined;
    }
    case 'raw_rand':
      return new Uint8Array(randomBytes(32));
  }
}
