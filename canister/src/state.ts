/**
 * The only module that touches stable memory: the anchor map and the persistent configuration,
 * each a StableBTreeMap (ic-stable-structures underneath) in its own virtual memory. Every record
 * is versioned by the codecs in storage/.
 */
import { StableBTreeMap, canisterVersion } from 'azle';
import type { Storage } from './service/ports.js';
import { anchorKeySerializer, rawBytesSerializer } from './storage/index.js';

/** Virtual memory ids: never reuse an id for another purpose (old data would be misread). */
const ANCHORS_MEMORY_ID = 0;
const PERSISTENT_STATE_MEMORY_ID = 1;
/** Archive entries not yet acknowledged by the archive canister (since the archive release). */
const ARCHIVE_BUFFER_MEMORY_ID = 2;
const PERSISTENT_STATE_KEY = 0n;

export class StableStorage implements Storage {
  readonly #anchors = new StableBTreeMap<bigint, Uint8Array>(
    ANCHORS_MEMORY_ID,
    anchorKeySerializer,
    rawBytesSerializer,
  );
  readonly #persistent = new StableBTreeMap<bigint, Uint8Array>(
    PERSISTENT_STATE_MEMORY_ID,
    anchorKeySerializer,
    rawBytesSerializer,
  );
  // Keys are sequence numbers, 8 bytes big-endian like anchor numbers: byte order = numeric order.
  readonly #archiveBuffer = new StableBTreeMap<bigint, Uint8Array>(
    ARCHIVE_BUFFER_MEMORY_ID,
    anchorKeySerializer,
    rawBytesSerializer,
  );

  readAnchor(number: bigint): Uint8Array | undefined {
    return this.#anchors.get(number);
  }

  writeAnchor(number: bigint, record: Uint8Array): void {
    this.#anchors.insert(number, record);
  }

  anchorCount(): bigint {
    return BigInt(this.#anchors.len());
  }

  readPersistentState(): Uint8Array | undefined {
    return this.#persistent.get(PERSISTENT_STATE_KEY);
  }

  writePersistentState(record: Uint8Array): void {
    this.#persistent.insert(PERSISTENT_STATE_KEY, record);
  }

  archiveBufferAppend(sequenceNumber: bigint, record: Uint8Array): void {
    this.#archiveBuffer.insert(sequenceNumber, record);
  }

  archiveBufferFirst(limit: number): Uint8Array[] {
    return this.#archiveBuffer.values(0, limit);
  }

  archiveBufferRemove(sequenceNumber: bigint): void {
    this.#archiveBuffer.remove(sequenceNumber);
  }

  archiveBufferLength(): bigint {
    return BigInt(this.#archiveBuffer.len());
  }

  /**
   * Azle has no stable64_size binding: the build reroutes the canisterVersion() binding to
   * ic0.stable64_size (scripts/stable-size-shim.ts), so this is the stable memory size in pages.
   */
  stableMemoryPages(): bigint {
    return canisterVersion();
  }
}
