/**
 * The archive's stable memory: its configuration and the log's three maps (archive-log.ts), each
 * a StableBTreeMap in its own virtual memory. Never reuse a memory id for something else.
 */
import { StableBTreeMap } from 'azle';
import { anchorKeySerializer, rawBytesSerializer } from '../src/storage/index.js';
import { type ArchiveStorage, be64, fromBe64 } from './archive-log.js';

const CONFIG_MEMORY_ID = 0;
const LOG_MEMORY_ID = 1;
const ANCHOR_COUNT_MEMORY_ID = 2;
const ANCHOR_INDEX_MEMORY_ID = 3;
const META_MEMORY_ID = 4;
const CONFIG_KEY = 0n;
const LAST_SEQUENCE_NUMBER_KEY = 0n;

const map = (id: number) =>
  new StableBTreeMap<bigint, Uint8Array>(id, anchorKeySerializer, rawBytesSerializer);
/** (anchor, ordinal) keys: 16 bytes big-endian, so an anchor's entries are adjacent and ordered. */
const indexKey = (anchor: bigint, ordinal: bigint) => {
  const key = new Uint8Array(16);
  key.set(be64(anchor));
  key.set(be64(ordinal), 8);
  return key;
};

export class StableArchiveStorage implements ArchiveStorage {
  readonly #config = map(CONFIG_MEMORY_ID);
  readonly #log = map(LOG_MEMORY_ID);
  readonly #counts = map(ANCHOR_COUNT_MEMORY_ID);
  readonly #index = new StableBTreeMap<Uint8Array, Uint8Array>(
    ANCHOR_INDEX_MEMORY_ID,
    rawBytesSerializer,
    rawBytesSerializer,
  );
  readonly #meta = map(META_MEMORY_ID);

  /** The init argument of the last install or upgrade (Candid-encoded `ArchiveInit`). */
  readConfig(): Uint8Array | undefined {
    return this.#config.get(CONFIG_KEY);
  }

  writeConfig(bytes: Uint8Array): void {
    this.#config.insert(CONFIG_KEY, bytes);
  }

  logLength(): bigint {
    return BigInt(this.#log.len());
  }

  logGet(position: bigint): Uint8Array | undefined {
    return this.#log.get(position);
  }

  logAppend(position: bigint, record: Uint8Array): void {
    this.#log.insert(position, record);
  }

  anchorCount(anchor: bigint): bigint {
    const v = this.#counts.get(anchor);
    return v === undefined ? 0n : fromBe64(v);
  }

  setAnchorCount(anchor: bigint, count: bigint): void {
    this.#counts.insert(anchor, be64(count));
  }

  anchorPosition(anchor: bigint, ordinal: bigint): bigint | undefined {
    const v = this.#index.get(indexKey(anchor, ordinal));
    return v === undefined ? undefined : fromBe64(v);
  }

  setAnchorPosition(anchor: bigint, ordinal: bigint, position: bigint): void {
    this.#index.insert(indexKey(anchor, ordinal), be64(position));
  }

  lastSequenceNumber(): bigint | undefined {
    const v = this.#meta.get(LAST_SEQUENCE_NUMBER_KEY);
    return v === undefined ? undefined : fromBe64(v);
  }

  setLastSequenceNumber(sequenceNumber: bigint): void {
    this.#meta.insert(LAST_SEQUENCE_NUMBER_KEY, be64(sequenceNumber));
  }
}
