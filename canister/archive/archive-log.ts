/**
 * The archive's log (no azle import; `state.ts` gives it stable memory): every entry II hands
 * over, in sequence-number order, each stored once, and an index of each anchor's entries.
 *
 *   log            position (0, 1, …) → the stored entry (storage/archive-entry-record.ts)
 *   anchor index   (anchor, ordinal) → position: the anchor's entries in order
 *   anchor count   anchor → how many entries it has
 *
 * `get_entries` reads the log by position; `get_anchor_entries` walks an anchor's ordinals, from a
 * time (binary search over the ordinals' timestamps) or from a page token (the next ordinal).
 */
import { IDL } from '@dfinity/candid';
import {
  ArchiveEntry,
  type AnchorEntriesT,
  type ArchiveEntryT,
  type BufferedArchiveEntryT,
  type CursorT,
} from '../src/candid.js';
import {
  type StoredArchiveEntry,
  decodeArchiveEntry,
  encodeArchiveEntry,
} from '../src/storage/index.js';

export interface ArchiveStorage {
  logLength(): bigint;
  logGet(position: bigint): Uint8Array | undefined;
  logAppend(position: bigint, record: Uint8Array): void;
  anchorCount(anchor: bigint): bigint;
  setAnchorCount(anchor: bigint, count: bigint): void;
  anchorPosition(anchor: bigint, ordinal: bigint): bigint | undefined;
  setAnchorPosition(anchor: bigint, ordinal: bigint, position: bigint): void;
  lastSequenceNumber(): bigint | undefined;
  setLastSequenceNumber(sequenceNumber: bigint): void;
}

/** An entry as the queries return it: decoded, or `[]` when this build cannot decode it. */
export function decodedEntry(stored: StoredArchiveEntry): [] | [ArchiveEntryT] {
  try {
    return [IDL.decode([ArchiveEntry], stored.entry)[0] as unknown as ArchiveEntryT];
  } catch {
    return [];
  }
}

const be64 = (n: bigint): Uint8Array => {
  const out = new Uint8Array(8);
  let v = n;
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
};
const fromBe64 = (b: Uint8Array): bigint => b.reduce((n, x) => (n << 8n) | BigInt(x), 0n);

export class ArchiveLog {
  constructor(private readonly storage: ArchiveStorage) {}

  /**
   * Stores the entries II handed over, in sequence-number order, skipping those already stored
   * (a fetch that was not acknowledged is answered again). Returns how many were new.
   */
  append(entries: readonly BufferedArchiveEntryT[]): number {
    const s = this.storage;
    let last = s.lastSequenceNumber();
    let appended = 0;
    const sorted = [...entries].sort((a, b) =>
      a.sequence_number < b.sequence_number ? -1 : a.sequence_number > b.sequence_number ? 1 : 0,
    );
    for (const e of sorted) {
      if (last !== undefined && e.sequence_number <= last) continue;
      const position = s.logLength();
      s.logAppend(
        position,
        encodeArchiveEntry({
          sequenceNumber: e.sequence_number,
          anchorNumber: e.anchor_number,
          timestamp: e.timestamp,
          entry: e.entry,
        }),
      );
      const ordinal = s.anchorCount(e.anchor_number);
      s.setAnchorPosition(e.anchor_number, ordinal, position);
      s.setAnchorCount(e.anchor_number, ordinal + 1n);
      last = e.sequence_number;
      appended++;
    }
    if (last !== undefined) s.setLastSequenceNumber(last);
    return appended;
  }

  length(): bigint {
    return this.storage.logLength();
  }

  private stored(position: bigint): StoredArchiveEntry {
    const record = this.storage.logGet(position);
    if (record === undefined) throw new Error(`archive: no entry at position ${position}`);
    const decoded = decodeArchiveEntry(record);
    if (!decoded.ok) throw new Error(`archive: entry ${position}: ${decoded.error.message}`);
    return decoded.value;
  }

  /** `limit` entries from position `index`, or the latest `limit` entries without one. */
  entries(index: bigint | undefined, limit: number): Array<[] | [ArchiveEntryT]> {
    const length = this.length();
    const n = BigInt(limit);
    const from = index ?? (length > n ? length - n : 0n);
    const out: Array<[] | [ArchiveEntryT]> = [];
    for (let p = from; p < length && p < from + n; p++) out.push(decodedEntry(this.stored(p)));
    return out;
  }

  /** An anchor's entries, `limit` at most, from the cursor on; a token for the next page. */
  anchorEntries(anchor: bigint, cursor: CursorT | undefined, limit: number): AnchorEntriesT {
    const count = this.storage.anchorCount(anchor);
    let start = 0n;
    if (cursor && 'next_token' in cursor) {
      if (cursor.next_token.length !== 8) return { entries: [], next_token: [] };
      start = fromBe64(cursor.next_token);
    } else if (cursor && 'timestamp' in cursor) {
      start = this.firstAtOrAfter(anchor, count, cursor.timestamp);
    }
    const entries: Array<[] | [ArchiveEntryT]> = [];
    let ordinal = start;
    for (; ordinal < count && entries.length < limit; ordinal++)
      entries.push(decodedEntry(this.stored(this.position(anchor, ordinal))));
    return { entries, next_token: ordinal < count ? [be64(ordinal)] : [] };
  }

  private position(anchor: bigint, ordinal: bigint): bigint {
    const p = this.storage.anchorPosition(anchor, ordinal);
    if (p === undefined) throw new Error(`archive: anchor ${anchor} has no entry ${ordinal}`);
    return p;
  }

  /** The first of the anchor's ordinals whose entry is at `timestamp` or later (binary search). */
  private firstAtOrAfter(anchor: bigint, count: bigint, timestamp: bigint): bigint {
    let lo = 0n;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) / 2n;
      if (this.stored(this.position(anchor, mid)).timestamp < timestamp) lo = mid + 1n;
      else hi = mid;
    }
    return lo;
  }
}

export { be64, fromBe64 };
