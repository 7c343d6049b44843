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
