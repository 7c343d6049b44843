import { Actor, type ActorSubclass, type Agent, type CallConfig } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { managementIdlFactory } from './replica/management-idl.js';

type Opt<T> = [] | [T];
export interface CanisterSettingsArg {
  controllers: Opt<Principal[]>;
  compute_allocation: Opt<bigint>;
  memory_allocation: Opt<bigint>;
  freezing_threshold: Opt<bigint>;
  reserved_cycles_limit: Opt<bigint>;
  log_visibility: Opt<{ controllers: null } | { public: null } | { allowed_viewers: Principal[] }>;
  wasm_memory_limit: Opt<bigint>;
  wasm_memory_threshold: Opt<bigint>;
}
export type InstallModeArg =
  | { install: null }
  | { reinstall: null }
  | {
      upgrade: Opt<{
        skip_pre_upgrade: Opt<boolean>;
        wasm_memory_persistence: Opt<{ keep: null } | { replace: null }>;
      }>;
    };
interface CanisterIdArg {
  canister_id: Principal;
}
interface SnapshotArg {
  canister_id: Principal;
  snapshot_id: Uint8Array;
}
export interface SnapshotInfo {
  id: Uint8Array;
  taken_at_timestamp: bigint;
  total_size: bigint;
}
export type SnapshotGlobalArg =
  { i32: number } | { i64: bigint } | { f32: number } | { f64: number } | { v128: bigint };
export type SnapshotTimerArg = { active: bigint } | { inactive: null };
export type HookStatusArg =
  { condition_not_satisfied: null } | { ready: null } | { executed: null };
export interface SnapshotMetadata {
  source: { taken_from_canister: null } | { metadata_upload: null };
  taken_at_timestamp: bigint;
  wasm_module_size: bigint;
  globals: SnapshotGlobalArg[];
  wasm_memory_size: bigint;
  stable_memory_size: bigint;
  wasm_chunk_store: Array<{ hash: Uint8Array }>;
  canister_version: bigint;
  certified_data: Uint8Array;
  global_timer: Opt<SnapshotTimerArg>;
  on_low_wasm_memory_hook_status: Opt<HookStatusArg>;
}
type Slice = { offset: bigint; size: bigint };
export type SnapshotDataKind =
  | { wasm_module: Slice }
  | { wasm_memory: Slice }
  | { stable_memory: Slice }
  | { wasm_chunk: { hash: Uint8Array } };
export type SnapshotUploadKind =
  | { wasm_module: { offset: bigint } }
  | { wasm_memory: { offset: bigint } }
  | { stable_memory: { offset: bigint } }
  | { wasm_chunk: null };

/** The management canister (aaaaa-aa) methods localnet serves, as an actor's methods. */
export interface ManagementService {
  provisional_create_canister_with_cycles(arg: {
    amount: Opt<bigint>;
    settings: Opt<CanisterSettingsArg>;
    specified_id: Opt<Principal>;
    sender_canister_version: Opt<bigint>;
  }): Promise<CanisterIdArg>;
  provisional_top_up_canister(arg: { canister_id: Principal; amount: bigint }): Promise<void>;
  install_code(arg: {
    mode: InstallModeArg;
    canister_id: Principal;
    wasm_module: Uint8Array;
    arg: Uint8Array;
    sender_canister_version: Opt<bigint>;
  }): Promise<void>;
  upload_chunk(arg: { canister_id: Principal; chunk: Uint8Array }): Promise<{ hash: Uint8Array }>;
  clear_chunk_store(arg: CanisterIdArg): Promise<void>;
  stored_chunks(arg: CanisterIdArg): Promise<Array<{ hash: Uint8Array }>>;
  install_chunked_code(arg: {
    mode: InstallModeArg;
    target_canister: Principal;
    store_canister: Opt<Principal>;
    chunk_hashes_list: Array<{ hash: Uint8Array }>;
    wasm_module_hash: Uint8Array;
    arg: Uint8Array;
    sender_canister_version: Opt<bigint>;
  }): Promise<void>;
  uninstall_code(arg: {
    canister_id: Principal;
    sender_canister_version: Opt<bigint>;
  }): Promise<void>;
  canister_status(arg: CanisterIdArg): Promise<{
    status: { running: null } | { stopping: null } | { stopped: null };
    settings: { controllers: Principal[] } & Record<string, unknown>;
    module_hash: Opt<Uint8Array>;
    memory_size: bigint;
    cycles: bigint;
  }>;
  update_settings(arg: {
    canister_id: Principal;
    settings: CanisterSettingsArg;
    sender_canister_version: Opt<bigint>;
  }): Promise<void>;
  start_canister(arg: CanisterIdArg): Promise<void>;
  stop_canister(arg: CanisterIdArg): Promise<void>;
  delete_canister(arg: CanisterIdArg): Promise<void>;
  take_canister_snapshot(arg: {
    canister_id: Principal;
    replace_snapshot: Opt<Uint8Array>;
    uninstall_code: Opt<boolean>;
    sender_canister_version: Opt<bigint>;
  }): Promise<SnapshotInfo>;
  load_canister_snapshot(
    arg: SnapshotArg & { sender_canister_version: Opt<bigint> },
  ): Promise<void>;
  list_canister_snapshots(arg: CanisterIdArg): Promise<SnapshotInfo[]>;
  delete_canister_snapshot(arg: SnapshotArg): Promise<void>;
  read_canister_snapshot_metadata(arg: SnapshotArg): Promise<SnapshotMetadata>;
  read_canister_snapshot_data(
    arg: SnapshotArg & { kind: SnapshotDataKind },
  ): Promise<{ chunk: Uint8Array }>;
  upload_canister_snapshot_metadata(
    arg: Omit<
      SnapshotMetadata,
      'source' | 'taken_at_timestamp' | 'wasm_chunk_store' | 'canister_version'
    > & {
      canister_id: Principal;
      replace_snapshot: Opt<Uint8Array>;
    },
  ): Promise<{ snapshot_id: Uint8Array }>;
  upload_canister_snapshot_data(
    arg: SnapshotArg & { kind: SnapshotUploadKind; chunk: Uint8Array },
  ): Promise<void>;
}

/** Settings with every field left unset; spread it and set what you need. */
export const emptySettings = (): CanisterSettingsArg => ({
  controllers: [],
  compute_allocation: [],
  memory_allocation: [],
  freezing_threshold: [],
  reserved_cycles_limit: [],
  log_visibility: [],
  wasm_memory_limit: [],
  wasm_memory_threshold: [],
});

/**
 * The effective canister id of a management call: the canister it acts on (`canister_id` or
 * `target_canister` of the argument), else the management canister itself (provisional creation
 * accepts any effective id).
 */
function effectiveCanisterId(args: unknown[]): Principal {
  const first = args[0] as Record<string, unknown> | undefined;
  const id = first?.canister_id ?? first?.target_canister;
  return id instanceof Principal ? id : Principal.managementCanister();
}

/** An actor for the management canister that routes each call by its effective canister id. */
export function managementActor(agent: Agent): ActorSubclass<ManagementService> {
  const transform = (_method: string, args: unknown[]): Partial<CallConfig> => ({
    effectiveCanisterId: effectiveCanisterId(args),
  });
  return Actor.createActor<ManagementService>(managementIdlFactory, {
    agent,
    canisterId: Principal.managementCanister(),
    callTransform: transform,
    queryTransform: transform,
  });
}
