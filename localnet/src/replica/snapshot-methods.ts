/**
 * The management canister's snapshot methods, as the IC interface specification defines them and
 * the replica checks them: take_canister_snapshot (with replace_snapshot and uninstall_code),
 * load_canister_snapshot, list_canister_snapshots, delete_canister_snapshot,
 * read_canister_snapshot_metadata, read_canister_snapshot_data, upload_canister_snapshot_metadata
 * and upload_canister_snapshot_data. Controllers only (the caller was checked before these run).
 *
 * As on the IC, no method needs a stopped canister (the specification tells controllers to stop it
 * first; the release tooling does). Loading a snapshot replaces the module (and so the module
 * hash), heap, globals, stable memory, certified data and chunk store, and bumps the canister
 * version. The global timer is restored only from an uploaded snapshot whose metadata gives it: the
 * replica keeps the canister's current timer when it loads a snapshot it took (a snapshot taken
 * from the canister still reports the timer it had).
 */
import type { Principal } from '@dfinity/principal';
import { createHash } from 'node:crypto';
import {
  CanisterRuntime,
  DEFAULT_MAX_STABLE_BYTES,
  type GlobalType,
  type GlobalValue,
  RuntimeUsageError,
  STABLE_PAGE_BYTES,
  StableMemory,
} from '../wasm/index.js';
import { type Canister, isController } from './canister.js';
import {
  type CanisterSnapshot,
  type HookStatus,
  SNAPSHOT_CHUNK_BYTES,
  type SnapshotGlobal,
  type SnapshotTimer,
  parseSnapshotId,
  snapshotId,
  snapshotIdText,
  snapshotKey,
  snapshotSize,
} from './canister-snapshot.js';
import { controlledCanister } from './controlled-canister.js';
import { ReplicaError } from './errors.js';
import { decodeWasmModule, loadFailed, uninstallCode } from './install-code.js';
import type { ManagementHost } from './management-host.js';
import { RejectCode, errorHelp } from './reject.js';

export const SNAPSHOT_METHODS = [
  'take_canister_snapshot',
  'load_canister_snapshot',
  'list_canister_snapshots',
  'delete_canister_snapshot',
  'read_canister_snapshot_metadata',
  'read_canister_snapshot_data',
  'upload_canister_snapshot_metadata',
  'upload_canister_snapshot_data',
] as const;
export type SnapshotMethod = (typeof SNAPSHOT_METHODS)[number];

export const isSnapshotMethod = (method: string): method is SnapshotMethod =>
  (SNAPSHOT_METHODS as readonly string[]).includes(method);

/** The IC's default limit of snapshots per canister (a replace_snapshot does not count). */
export const MAX_SNAPSHOTS_PER_CANISTER = 10;
/** Most bytes one read_canister_snapshot_data returns. */
const MAX_SLICE_BYTES = 2_000_000n;
/** The IC's limits on uploaded metadata. */
const MAX_WASM_MODULE_BYTES = 100n * 1024n * 1024n;
const MAX_WASM_MEMORY_BYTES = 4n * 1024n ** 3n;
const MAX_GLOBALS = 1000;
const MAX_CERTIFIED_DATA_BYTES = 32;
/** The wasm chunk store of a snapshot holds at most 100 MiB of 1 MiB chunks. */
const MAX_SNAPSHOT_CHUNKS = 100;

type Args = Record<string, unknown>;
const opt = <T>(v: unknown): T | undefined =>
  Array.isArray(v) && v.length > 0 ? (v[0] as T) : undefined;
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Runs one snapshot method for `caller` (checked to control the canister first). */
export async function runSnapshotMethod(
  host: ManagementHost,
  caller: Principal,
  method: SnapshotMethod,
  a: Args,
): Promise<unknown> {
  const canister = controlledCanister(host, a.canister_id as Principal, caller);
  switch (method) {
    case 'take_canister_snapshot':
      return describe(
        take(
          host,
          canister,
          opt<Uint8Array>(a.replace_snapshot),
          opt<boolean>(a.uninstall_code) ?? false,
        ),
      );
    case 'load_canister_snapshot':
      await load(host, canister, a.snapshot_id as Uint8Array, caller);
      return undefined;
    case 'list_canister_snapshots':
      return sorted(canister).map(describe);
    case 'delete_canister_snapshot': {
      const snapshot = ownSnapshot(host, canister, a.snapshot_id as Uint8Array);
      canister.snapshots.delete(snapshotKey(snapshot.id));
      return undefined;
    }
    case 'read_canister_snapshot_metadata':
      return metadata(ownSnapshot(host, canister, a.snapshot_id as Uint8Array));
    case 'read_canister_snapshot_data':
      return {
        chunk: readData(ownSnapshot(host, canister, a.snapshot_id as Uint8Array), a.kind as Args),
      };
    case 'upload_canister_snapshot_metadata':
      return { snapshot_id: uploadMetadata(host, canister, a).id };
    case 'upload_canister_snapshot_data':
      uploadData(
        ownSnapshot(host, canister, a.snapshot_id as Uint8Array),
        a.kind as Args,
        a.chunk as Uint8Array,
      );
      return undefined;
  }
}

// ------------------------------------------------------------------ the replica's rejects

const notFound = (canister: Canister, id: Uint8Array) =>
  new ReplicaError(
    `Could not find the snapshot ID ${snapshotIdText(id)} for canister ${canister.idText}.\n${errorHelp(
      'Use the `list_canister_snapshot` API to see which snapshots are present.',
      'canister-snapshot-not-found',
    )}`,
    RejectCode.DestinationInvalid,
    'IC0305',
  );

const notOwned = (canister: Canister, id: Uint8Array) =>
  new ReplicaError(
    `The snapshot ${snapshotIdText(id)} does not belong to canister ${canister.idText}.\n${errorHelp(
      'Use the `list_canister_snapshot` API to see which snapshots are present.',
      'canister-snapshot-invalid-ownership',
    )}`,
    RejectCode.CanisterReject,
    'IC0406',
  );

const invalidPayload = (message: string) =>
  new ReplicaError(message, RejectCode.CanisterReject, 'IC0408');

const invalidSlice = (offset: bigint, size: bigint) =>
  invalidPayload(
    `Invalid subslice into wasm module / main memory / stable memory: offset: ${offset}, size: ${size}`,
  );

/** The replica prints chunk hashes as Rust's `{:02x?}` does: `[0a, ff, …]`. */
const debugBytes = (b: Uint8Array) =>
  `[${[...b].map((x) => x.toString(16).padStart(2, '0')).join(', ')}]`;

const chunkStoreError = (message: string) =>
  new ReplicaError(
    `Error from Wasm chunk store: ${message}.\n${errorHelp(
      'Use the `stored_chunks` API to check which hashes are present or top up the canister if it is low on cycles.',
      'wasm-chunk-store-error',
    )}`,
    RejectCode.CanisterError,
    'IC0504',
  );

// ------------------------------------------------------------------ lookups

/** Parses a snapshot id; bytes that are not one are refused like a payload that does not decode. */
function parseId(id: Uint8Array): { canister: Principal; local: bigint } {
  const parsed = parseSnapshotId(id);
  if (!parsed)
    throw invalidPayload(
      `Invalid snapshot ID ${hex(id)}: a snapshot ID is an 8-byte local id followed by a canister id (9 to 37 bytes), not ${id.length} bytes.`,
    );
  return parsed;
}

/** A snapshot of `canister` itself: IC0305 when there is none, IC0406 when it is another's. */
function ownSnapshot(host: ManagementHost, canister: Canister, id: Uint8Array): CanisterSnapshot {
  const parsed = parseId(id);
  const snapshot = canister.snapshots.get(snapshotKey(id));
  if (snapshot) return snapshot;
  const owner = host.getCanister(parsed.canister);
  if (owner && owner !== canister && owner.snapshots.has(snapshotKey(id)))
    throw notOwned(canister, id);
  throw notFound(canister, id);
}

/**
 * The snapshot load_canister_snapshot loads: one of the canister's own, or one of another
 * canister on this subnet that the caller also controls (the specification allows both).
 */
function loadableSnapshot(
  host: ManagementHost,
  canister: Canister,
  id: Uint8Array,
  caller: Principal,
): CanisterSnapshot {
  const parsed = parseId(id);
  const owner =
    parsed.canister.toText() === canister.idText ? canister : host.getCanister(parsed.canister);
  const snapshot = owner?.snapshots.get(snapshotKey(id));
  if (!owner || !snapshot) throw notFound(canister, id);
  if (owner !== canister && !isController(owner, caller))
    throw new ReplicaError(
      `Only a controller of the canister that snapshot ${snapshotIdText(id)} belongs to can load it on canister ${canister.idText}. Sender: ${caller.toText()}.`,
      RejectCode.CanisterReject,
      'IC0406',
    );
  return snapshot;
}

const sorted = (canister: Canister): CanisterSnapshot[] =>
  [...canister.snapshots.values()].sort((a, b) => Buffer.compare(a.id, b.id));

/** Room for one more snapshot: replacing one, or under the limit. */
function makeRoom(host: ManagementHost, canister: Canister, replace: Uint8Array | undefined): void {
  if (replace) {
    ownSnapshot(host, canister, replace);
    return;
  }
  const limit = host.maxSnapshotsPerCanister;
  if (canister.snapshots.size >= limit)
    throw new ReplicaError(
      `Canister ${canister.idText} has reached the maximum number of snapshots allowed: ${limit}.\n${errorHelp(
        'Consider deleting an unnecessary snapshot of the specified canister before creating a new one.',
        'canister-snapshot-limit-exceeded',
      )}`,
      RejectCode.CanisterReject,
      'IC0406',
    );
}

function store(canister: Canister, snapshot: CanisterSnapshot, replace: Uint8Array | undefined) {
  if (replace) canister.snapshots.delete(snapshotKey(replace));
  canister.snapshots.set(snapshotKey(snapshot.id), snapshot);
}

const describe = (s: CanisterSnapshot) => ({
  id: s.id,
  taken_at_timestamp: s.takenAtNs,
  total_size: snapshotSize(s),
});

// ------------------------------------------------------------------ take and load

function take(
  host: ManagementHost,
  canister: Canister,
  replace: Uint8Array | undefined,
  uninstall: boolean,
): CanisterSnapshot {
  makeRoom(host, canister, replace);
  const module = canister.module;
  if (!module)
    throw new ReplicaError(
      `Failed to create snapshot for empty canister ${canister.idText}:`,
      RejectCode.CanisterReject,
      'IC0406',
    );
  const state = module.runtime.snapshot();
  const snapshot: CanisterSnapshot = {
    id: snapshotId(canister.id, canister.nextSnapshotId++),
    source: 'taken',
    takenAtNs: host.clock.canisterTime(),
    canisterVersion: canister.version,
    module: module.submitted,
    heap: StableMemory.fromBytes(state.heap, { maxBytes: MAX_WASM_MEMORY_BYTES }),
    globals: typedGlobals(canister, module.runtime.globalTypes, state.globals),
    stable: state.stable,
    certifiedData: new Uint8Array(canister.certifiedData),
    globalTimer:
      canister.globalTimer === 0n ? { inactive: null } : { active: canister.globalTimer },
    hookStatus: { condition_not_satisfied: null },
    chunks: new Map(canister.chunks),
    revision: 0,
  };
  store(canister, snapshot, replace);
  if (uninstall) uninstallCode(host, canister);
  return snapshot;
}

function typedGlobals(
  canister: Canister,
  types: readonly GlobalType[],
  values: readonly GlobalValue[],
): SnapshotGlobal[] {
  return values.map((value, i) => {
    switch (types[i]) {
      case 'i32':
        return { i32: value as number };
      case 'i64':
        return { i64: value as bigint };
      case 'f32':
        return { f32: value as number };
      case 'f64':
        return { f64: value as number };
      default:
        throw new ReplicaError(
          `Canister ${canister.idText} has a mutable ${types[i]} global, which localnet cannot snapshot`,
          RejectCode.CanisterReject,
          'IC0406',
        );
    }
  });
}

const globalKind = (g: SnapshotGlobal): string => Object.keys(g)[0]!;
const globalValue = (g: SnapshotGlobal): GlobalValue => Object.values(g)[0] as GlobalValue;

async function load(
  host: ManagementHost,
  canister: Canister,
  id: Uint8Array,
  caller: Principal,
): Promise<void> {
  const snapshot = loadableSnapshot(host, canister, id, caller);
  const wasm = decodeWasmModule(snapshot.module);
  let runtime: CanisterRuntime;
  try {
    runtime = await CanisterRuntime.load(wasm, {
      startInstructionLimit: host.instructionLimits.install,
    });
  } catch (error) {
    throw loadFailed(host, canister, error);
  }
  const uploaded = snapshot.source === 'uploaded';
  if (
    uploaded &&
    (runtime.globalTypes.length !== snapshot.globals.length ||
      snapshot.globals.some((g, i) => globalKind(g) !== runtime.globalTypes[i]))
  )
    throw invalidPayload(
      'Wasm exported globals of canister module and snapshot metadata do not match.',
    );
  try {
    runtime.loadState({
      heap: snapshot.heap.toBytes(),
      globals: snapshot.globals.map(globalValue),
      stable: snapshot.stable,
    });
  } catch (error) {
    if (!(error instanceof RuntimeUsageError)) throw error;
    throw invalidPayload(
      `The snapshot ${snapshotIdText(id)} does not fit its module: ${error.message}.`,
    );
  }
  if (uploaded && snapshot.hookStatus) {
    const satisfied = lowMemoryHookCondition(canister, runtime.memoryStats().heapBytes);
    if ('condition_not_satisfied' in snapshot.hookStatus === satisfied)
      throw invalidPayload(
        `Hook status (${hookStatusText(snapshot.hookStatus)}) of uploaded snapshot is inconsistent with the canister's state (hook condition satisfied: ${satisfied}).`,
      );
  }
  canister.module = {
    wasm,
    submitted: snapshot.module,
    hash: sha256(snapshot.module),
    runtime,
  };
  canister.certifiedData = snapshot.certifiedData;
  canister.chunks = new Map(snapshot.chunks);
  if (uploaded && snapshot.globalTimer)
    canister.globalTimer = 'active' in snapshot.globalTimer ? snapshot.globalTimer.active : 0n;
  canister.version++;
  host.markDirty(canister);
  host.scheduleTimers();
}

/**
 * The on-low-wasm-memory hook's condition (localnet runs no such hook): a threshold is set and the
 * wasm memory left under the limit is below it.
 */
function lowMemoryHookCondition(canister: Canister, heapBytes: number): boolean {
  const { wasmMemoryLimit, wasmMemoryThreshold } = canister.settings;
  return wasmMemoryThreshold > 0n && wasmMemoryLimit - BigInt(heapBytes) < wasmMemoryThreshold;
}

const hookStatusText = (h: HookStatus): string =>
  'ready' in h ? 'Some(Ready)' : 'executed' in h ? 'Some(Executed)' : 'Some(ConditionNotSatisfied)';

// ------------------------------------------------------------------ read

function metadata(s: CanisterSnapshot) {
  return {
    source: s.source === 'taken' ? { taken_from_canister: null } : { metadata_upload: null },
    taken_at_timestamp: s.takenAtNs,
    wasm_module_size: BigInt(s.module.length),
    globals: s.globals,
    wasm_memory_size: s.heap.sizeBytes,
    stable_memory_size: s.stable.sizeBytes,
    wasm_chunk_store: [...s.chunks.keys()]
      .sort()
      .map((h) => ({ hash: new Uint8Array(Buffer.from(h, 'hex')) })),
    canister_version: s.canisterVersion,
    certified_data: s.certifiedData,
    global_timer: s.globalTimer ? [s.globalTimer] : [],
    on_low_wasm_memory_hook_status: s.hookStatus ? [s.hookStatus] : [],
  };
}

function readData(s: CanisterSnapshot, kind: Args): Uint8Array {
  const chunk = kind.wasm_chunk as { hash: Uint8Array } | undefined;
  if (chunk) {
    if (chunk.hash.length !== 32)
      throw chunkStoreError(`Bytes ${debugBytes(chunk.hash)} are not a valid WasmChunkHash.`);
    const data = s.chunks.get(hex(chunk.hash));
    if (!data) throw chunkStoreError(`WasmChunkHash ${debugBytes(chunk.hash)} not found.`);
    return data;
  }
  const [which, slice] = Object.entries(kind)[0] as [string, { offset: bigint; size: bigint }];
  const { offset, size } = slice;
  if (size > MAX_SLICE_BYTES)
    throw invalidPayload(`Requested slice too large: ${size} > ${MAX_SLICE_BYTES}`);
  const length =
    which === 'wasm_module'
      ? BigInt(s.module.length)
      : which === 'wasm_memory'
        ? s.heap.sizeBytes
        : s.stable.sizeBytes;
  if (offset + size > length) throw invalidSlice(offset, size);
  if (which === 'wasm_module') return s.module.slice(Number(offset), Number(offset + size));
  const out = new Uint8Array(Number(size));
  (which === 'wasm_memory' ? s.heap : s.stable).read(offset, out);
  return out;
}

// ------------------------------------------------------------------ upload

function uploadMetadata(host: ManagementHost, canister: Canister, a: Args): CanisterSnapshot {
  const moduleSize = a.wasm_module_size as bigint;
  const heapSize = a.wasm_memory_size as bigint;
  const stableSize = a.stable_memory_size as bigint;
  const globals = a.globals as SnapshotGlobal[];
  const certifiedData = a.certified_data as Uint8Array;
  const page = BigInt(STABLE_PAGE_BYTES);
  const invalid =
    moduleSize === 0n
      ? 'WasmModuleEmpty'
      : moduleSize > MAX_WASM_MODULE_BYTES
        ? 'WasmModuleTooLarge'
        : heapSize % page !== 0n
          ? 'WasmMemoryNotPageAligned'
          : heapSize > MAX_WASM_MEMORY_BYTES
            ? 'WasmMemoryTooLarge'
            : stableSize % page !== 0n
              ? 'StableMemoryNotPageAligned'
              : stableSize > DEFAULT_MAX_STABLE_BYTES
                ? 'StableMemoryTooLarge'
                : globals.length > MAX_GLOBALS
                  ? 'ExportedGlobalsTooLarge'
                  : certifiedData.length > MAX_CERTIFIED_DATA_BYTES
                    ? 'CertifiedDataTooLarge'
                    : undefined;
  if (invalid) throw invalidPayload(`Snapshot Metadata contains invalid data: ${invalid}`);
  const replace = opt<Uint8Array>(a.replace_snapshot);
  makeRoom(host, canister, replace);
  const heap = new StableMemory({ maxBytes: MAX_WASM_MEMORY_BYTES });
  heap.grow(heapSize / page);
  const stable = new StableMemory();
  stable.grow(stableSize / page);
  const timer = opt<SnapshotTimer>(a.global_timer);
  const hook = opt<HookStatus>(a.on_low_wasm_memory_hook_status);
  const snapshot: CanisterSnapshot = {
    id: snapshotId(canister.id, canister.nextSnapshotId++),
    source: 'uploaded',
    takenAtNs: host.clock.canisterTime(),
    canisterVersion: canister.version,
    // Zeros until uploaded, as on the IC (which then refuses to load it as an invalid module).
    module: new Uint8Array(Number(moduleSize)),
    heap,
    globals,
    stable,
    certifiedData: new Uint8Array(certifiedData),
    ...(timer ? { globalTimer: timer } : {}),
    ...(hook ? { hookStatus: hook } : {}),
    chunks: new Map(),
    revision: 0,
  };
  store(canister, snapshot, replace);
  return snapshot;
}

function uploadData(s: CanisterSnapshot, kind: Args, chunk: Uint8Array): void {
  if (s.source !== 'uploaded')
    throw new ReplicaError(
      'Only canister snapshots created by metadata upload can be mutated.',
      RejectCode.CanisterReject,
      'IC0409',
    );
  if ('wasm_chunk' in kind) {
    if (chunk.length > SNAPSHOT_CHUNK_BYTES)
      throw chunkStoreError(
        `Wasm chunk size ${chunk.length} exceeds the maximum chunk size of ${SNAPSHOT_CHUNK_BYTES}`,
      );
    const key = hex(sha256(chunk));
    if (s.chunks.has(key)) return;
    if (s.chunks.size >= MAX_SNAPSHOT_CHUNKS)
      throw chunkStoreError(
        `Wasm chunk store of the snapshot is full: it holds at most ${MAX_SNAPSHOT_CHUNKS} chunks`,
      );
    s.chunks.set(key, new Uint8Array(chunk));
    s.revision++;
    return;
  }
  const [which, { offset }] = Object.entries(kind)[0] as [string, { offset: bigint }];
  const size = BigInt(chunk.length);
  const length =
    which === 'wasm_module'
      ? BigInt(s.module.length)
      : which === 'wasm_memory'
        ? s.heap.sizeBytes
        : s.stable.sizeBytes;
  if (offset + size > length) throw invalidSlice(offset, size);
  if (which === 'wasm_module') s.module.set(chunk, Number(offset));
  else (which === 'wasm_memory' ? s.heap : s.stable).write(offset, chunk);
  s.revision++;
}
