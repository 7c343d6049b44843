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

// Canister snapshots.
const snapshotId = blob;
const snapshot = IDL.Record({
  id: snapshotId,
  taken_at_timestamp: IDL.Nat64,
  total_size: IDL.Nat64,
});
const snapshotArgs = IDL.Record({ canister_id: canisterId, snapshot_id: snapshotId });
const wasmGlobal = IDL.Variant({
  i32: IDL.Int32,
  i64: IDL.Int64,
  f32: IDL.Float32,
  f64: IDL.Float64,
  v128: IDL.Nat,
});
const globalTimer = IDL.Opt(IDL.Variant({ inactive: IDL.Null, active: IDL.Nat64 }));
const hookStatus = IDL.Opt(
  IDL.Variant({ condition_not_satisfied: IDL.Null, ready: IDL.Null, executed: IDL.Null }),
);
const slice = IDL.Record({ offset: IDL.Nat64, size: IDL.Nat64 });
const offset = IDL.Record({ offset: IDL.Nat64 });

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
  take_canister_snapshot: IDL.Func(
    [
      IDL.Record({
        canister_id: canisterId,
        replace_snapshot: IDL.Opt(snapshotId),
        uninstall_code: IDL.Opt(IDL.Bool),
        sender_canister_version: senderVersion,
      }),
    ],
    [snapshot],
  ),
  load_canister_snapshot: IDL.Func(
    [
      IDL.Record({
        canister_id: canisterId,
        snapshot_id: snapshotId,
        sender_canister_version: senderVersion,
      }),
    ],
    [],
  ),
  list_canister_snapshots: IDL.Func([canisterIdRecord], [IDL.Vec(snapshot)]),
  delete_canister_snapshot: IDL.Func([snapshotArgs], []),
  read_canister_snapshot_metadata: IDL.Func(
    [snapshotArgs],
    [
      IDL.Record({
        source: IDL.Variant({ taken_from_canister: IDL.Reserved, metadata_upload: IDL.Reserved }),
        taken_at_timestamp: IDL.Nat64,
        wasm_module_size: IDL.Nat64,
        globals: IDL.Vec(wasmGlobal),
        wasm_memory_size: IDL.Nat64,
        stable_memory_size: IDL.Nat64,
        wasm_chunk_store: IDL.Vec(chunkHash),
        canister_version: IDL.Nat64,
        certified_data: blob,
        global_timer: globalTimer,
        on_low_wasm_memory_hook_status: hookStatus,
      }),
    ],
  ),
  read_canister_snapshot_data: IDL.Func(
    [
      IDL.Record({
        canister_id: canisterId,
        snapshot_id: snapshotId,
        kind: IDL.Variant({
          wasm_module: slice,
          wasm_memory: slice,
          stable_memory: slice,
          wasm_chunk: chunkHash,
        }),
      }),
    ],
    [IDL.Record({ chunk: blob })],
  ),
  upload_canister_snapshot_metadata: IDL.Func(
    [
      IDL.Record({
        canister_id: canisterId,
        replace_snapshot: IDL.Opt(snapshotId),
        wasm_module_size: IDL.Nat64,
        globals: IDL.Vec(wasmGlobal),
        wasm_memory_size: IDL.Nat64,
        stable_memory_size: IDL.Nat64,
        certified_data: blob,
        global_timer: globalTimer,
        on_low_wasm_memory_hook_status: hookStatus,
      }),
    ],
    [IDL.Record({ snapshot_id: snapshotId })],
  ),
  upload_canister_snapshot_data: IDL.Func(
    [
      IDL.Record({
        canister_id: canisterId,
        snapshot_id: snapshotId,
        kind: IDL.Variant({
          wasm_module: offset,
          wasm_memory: offset,
          stable_memory: offset,
          wasm_chunk: IDL.Null,
        }),
        chunk: blob,
      }),
    ],
    [],
  ),
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
