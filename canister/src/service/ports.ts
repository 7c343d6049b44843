/**
 * What the Internet Identity service needs from its host, as interfaces: the Azle canister
 * (src/main.ts + src/state.ts) provides the real ones; unit tests provide in-memory ones. This is
 * what keeps the service logic free of `azle` imports.
 */
import type { Anchor } from '../anchors/index.js';
import type { PersistentState } from '../storage/index.js';

/** The System API pieces the service uses. */
export interface Environment {
  /** ic0.time, ns. */
  now(): bigint;
  /** ic0.msg_caller as raw bytes. */
  caller(): Uint8Array;
  /** ic0.canister_self as raw bytes. */
  canisterId(): Uint8Array;
  setCertifiedData(data: Uint8Array): void;
  /** ic0.data_certificate (non-replicated queries only). */
  dataCertificate(): Uint8Array | undefined;
  /** 32 bytes from the management canister's raw_rand (an inter-canister call). */
  rawRand(): Promise<Uint8Array>;
  /** Cryptographically seeded randomness available synchronously (captcha noise and keys). */
  randomBytes(n: number): Uint8Array;
  /**
   * A call to the management canister (`method` of candid.ts's `managementMethods`, arguments as
   * Candid values), with `cycles` attached; rejects (throws) as the call is rejected.
   */
  management(method: ManagementMethod, args: unknown[], cycles?: bigint): Promise<unknown>;
}

export type ManagementMethod = 'create_canister' | 'canister_status' | 'install_code';

/** Stable memory: the anchor map and the persistent configuration record. */
export interface Storage {
  readAnchor(number: bigint): Uint8Array | undefined;
  writeAnchor(number: bigint, record: Uint8Array): void;
  /** Number of anchor records stored. */
  anchorCount(): bigint;
  readPersistentState(): Uint8Array | undefined;
  writePersistentState(record: Uint8Array): void;
  /** Stable memory size in 64 KiB pages (ic0.stable64_size). */
  stableMemoryPages(): bigint;
  /** The archive buffer: entries by sequence number, in their own stable map. */
  archiveBufferAppend(sequenceNumber: bigint, record: Uint8Array): void;
  /** The first `limit` entries (lowest sequence numbers first). */
  archiveBufferFirst(limit: number): Uint8Array[];
  archiveBufferRemove(sequenceNumber: bigint): void;
  archiveBufferLength(): bigint;
}

export { ServiceError } from './errors.js';

export type { Anchor, PersistentState };
