/**
 * Canister snapshots (IC interface specification, "IC method take_canister_snapshot" and the
 * methods after it): what a snapshot holds, how its id is built, and its size.
 */
import { Principal } from '@dfinity/principal';
import type { StableMemory } from '../wasm/index.js';

/** A wasm global as the management canister reports and accepts it. */
export type SnapshotGlobal =
  { i32: number } | { i64: bigint } | { f32: number } | { f64: number } | { v128: bigint };
/** The global timer: the deadline (ns since the epoch) when active. */
export type SnapshotTimer = { active: bigint } | { inactive: null };
export type HookStatus = { condition_not_satisfied: null } | { ready: null } | { executed: null };

export interface CanisterSnapshot {
  /** The local id (8 bytes, big-endian) followed by the canister id, as the IC builds them. */
  id: Uint8Array;
  /** Taken from the canister (take_canister_snapshot) or created by metadata upload. */
  source: 'taken' | 'uploaded';
  takenAtNs: bigint;
  /** The canister's version when the snapshot was taken or its metadata uploaded. */
  canisterVersion: bigint;
  /** The module exactly as installed (gzipped or not): its sha256 is the module hash once loaded. */
  module: Uint8Array;
  /** The wasm memory, kept sparsely (only non-zero 64 KiB pages). */
  heap: StableMemory;
  /** The module's mutable globals, in the order the runtime keeps them. */
  globals: SnapshotGlobal[];
  stable: StableMemory;
  certifiedData: Uint8Array;
  /** Absent for an uploaded snapshot whose metadata did not give it. */
  globalTimer?: SnapshotTimer;
  hookStatus?: HookStatus;
  /** The wasm chunk store, by hex sha256. */
  chunks: Map<string, Uint8Array>;
  /** Bumped by every upload into the snapshot, so the state dir rewrites it only when it changed. */
  revision: number;
}

/** The length of the local part of a snapshot id. */
const LOCAL_ID_BYTES = 8;
/** Principals are at most 29 bytes. */
const MAX_PRINCIPAL_BYTES = 29;
/** Bytes of one wasm global in the IC's accounting of a snapshot's size. */
const GLOBAL_BYTES = 32n;
/** The chunk store counts every chunk at the maximum chunk size. */
export const SNAPSHOT_CHUNK_BYTES = 1024 * 1024;

export function snapshotId(canister: Principal, local: bigint): Uint8Array {
  const id = new Uint8Array(LOCAL_ID_BYTES + canister.toUint8Array().length);
  new DataView(id.buffer).setBigUint64(0, local);
  id.set(canister.toUint8Array(), LOCAL_ID_BYTES);
  return id;
}

/** The canister and local id of a snapshot id; undefined when the bytes are not one. */
export function parseSnapshotId(
  id: Uint8Array,
): { canister: Principal; local: bigint } | undefined {
  if (id.length < LOCAL_ID_BYTES || id.length > LOCAL_ID_BYTES + MAX_PRINCIPAL_BYTES)
    return undefined;
  const local = new DataView(id.buffer, id.byteOffset, id.byteLength).getBigUint64(0);
  return { canister: Principal.fromUint8Array(id.slice(LOCAL_ID_BYTES)), local };
}

/** How the IC prints a snapshot id: `<canister id>-<local id>`. */
export function snapshotIdText(id: Uint8Array): string {
  const parsed = parseSnapshotId(id);
  return parsed ? `${parsed.canister.toText()}-${parsed.local}` : Buffer.from(id).toString('hex');
}

/** Hex of a snapshot id: its key among a canister's snapshots. */
export const snapshotKey = (id: Uint8Array): string => Buffer.from(id).toString('hex');

/**
 * A snapshot's size as the IC reports it (`total_size`): module, wasm memory, stable memory,
 * certified data, globals, and the chunk store at the maximum chunk size per chunk.
 */
export function snapshotSize(s: CanisterSnapshot): bigint {
  return (
    BigInt(s.module.length) +
    s.heap.sizeBytes +
    s.stable.sizeBytes +
    BigInt(s.certifiedData.length) +
    BigInt(s.globals.length) * GLOBAL_BYTES +
    BigInt(s.chunks.size * SNAPSHOT_CHUNK_BYTES)
  );
}
