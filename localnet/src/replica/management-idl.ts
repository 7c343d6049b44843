import { IDL } from '@dfinity/candid';

/**
 * The subset of the management canister's Candid interface (aaaaa-aa) that localnet serves.
 * Types follow the IC interface specification's ic.did; record fields that newer clients send and
 * localnet does not use are declared so decoding accepts them.
 */
const canisterId = IDL.Principal;
const logVisibility = IDL.Variant({
  controllers: IDL.Null,
  public: IDL.Null,
  allowed_viewers: IDL.Vec(IDL.Principal),
});
export const canisterSettings = IDL.Record({
  controllers: IDL.Opt(IDL.Vec(IDL.Principal)),
  compute_allocation: IDL.Opt(IDL.Nat),
  memory_allocation: IDL.Opt(IDL.Nat),
  freezing_threshold: IDL.Opt(IDL.Nat),
  reserved_cycles_limit: IDL.Opt(IDL.Nat),
  log_visibility: IDL.Opt(logVisibility),
  wasm_memory_limit: IDL.Opt(IDL.Nat),
  wasm_memory_threshold: IDL.Opt(IDL.Nat),
});
const definiteCanisterSettings = IDL.Record({
  controllers: IDL.Vec(IDL.Principal),
  compute_allocation: IDL.Nat,
  memory_allocation: IDL.Nat,
  freezing_threshold: IDL.Nat,
  reserved_cycles_limit: IDL.Nat,
  log_visibility: logVisibility,
  wasm_memory_limit: IDL.Nat,
  wasm_memory_threshold: IDL.Nat,
});
export const installMode = IDL.Variant({
  install: IDL.Null,
  reinstall: IDL.Null,
  upgrade: IDL.Opt(
    IDL.Record({
      skip_pre_upgrade: IDL.Opt(IDL.Bool),
      wasm_memory_persistence: IDL.Opt(IDL.Variant({ keep: IDL.Null, replace: IDL.Null })),
    }),
  ),
});
const chunkHash = IDL.Record({ hash: IDL.Vec(IDL.Nat8) });
const canisterIdRecord = IDL.Record({ canister_id: canisterId });
const blob = IDL.Vec(IDL.Nat8);
const senderVersion = IDL.Opt(IDL.Nat64);

export const managementMethods = {
  create_canister: IDL.Func(
    [IDL.Record({ settings: IDL.Opt(canisterSettings), sender_canister_version: senderVersion })],
    [canisterIdRecord],
  ),
  provisional_create_canister_with_cycles: IDL.Func(
    [
      IDL.Record({
        amount: IDL.Opt(IDL.Nat),
        settings: IDL.Opt(canisterSettings),
        specified_id: IDL.Opt(IDL.Principal),
        sender_canister_version: senderVersion,
      }),
    ],
    [canisterIdRecord],
  ),
  provisional_top_up_canister: IDL.Func(
    [IDL.Record({ canister_id: canisterId, amount: IDL.Nat })],
    [],
  ),
  install_code: IDL.Func(
    [
      IDL.Record({
        mode: installMode,
        canister_id: canisterId,
        wasm_module: blob,
        arg: blob,
        sender_canister_version: senderVersion,
      }),
    ],
    [],
  ),
  upload_chunk: IDL.Func([IDL.Record({ canister_id: canisterId, chunk: blob })], [chunkHash]),
  clear_chunk_store: IDL.Func([canisterIdRecord], []),
  stored_chunks: IDL.Func([canisterIdRecord], [IDL.Vec(chunkHash)]),
  install_chunked_code: IDL.Func(
    [
      IDL.Record({
        mode: installMode,
        target_canister: canisterId,
        store_canister: IDL.Opt(canisterId),
        chunk_hashes_list: IDL.Vec(chunkHash),
        wasm_module_hash: blob,
        arg: blob,
        sender_canister_version: senderVersion,
      }),
    ],
    [],
  ),
  uninstall_code: IDL.Func(
    [IDL.Record({ canister_id: canisterId, sender_canister_version: senderVersion })],
    [],
  ),
  canister_status: IDL.Func(
    [canisterIdRecord],
    [
      IDL.Record({
        status: IDL.Variant({ running: IDL.Null, stopping: IDL.Null, stopped: IDL.Null }),
        settings: definiteCanisterSettings,
        module_hash: IDL.Opt(blob),
        memory_size: IDL.Nat,
        cycles: IDL.Nat,
        reserved_cycles: IDL.Nat,
        idle_cycles_burned_per_day: IDL.Nat,
        query_stats: IDL.Record({
          num_calls_total: IDL.Nat,
          num_instructions_total: IDL.Nat,
          request_payload_bytes_total: IDL.Nat,
          response_payload_bytes_total: IDL.Nat,
        }),
      }),
    ],
  ),
  update_settings: IDL.Func(
    [
      IDL.Record({
        canister_id: canisterId,
        settings: canisterSettings,
        sender_canister_version: senderVersion,
      }),
    ],
    [],
  ),
  start_canister: IDL.Func([canisterIdRecord], []),
  stop_canister: IDL.Func([canisterIdRecord], []),
  delete_canister: IDL.Func([canisterIdRecord], []),
  deposit_cycles: IDL.Func([canisterIdRecord], []),
  raw_rand: IDL.Func([], [blob]),
} as const;

export type ManagementMethod = keyof typeof managementMethods;

/** The management service, for building an actor (see `managementActor`). */
export const managementIdlFactory: IDL.InterfaceFactory = ({ IDL: _idl }) =>
  IDL.Service(managementMethods);

/** Methods only another canister may call (the IC refuses them as ingress). */
export const CANISTER_ONLY_METHODS = new Set<string>([
  'create_canister',
  'raw_rand',
  'deposit_cycles',
]);
