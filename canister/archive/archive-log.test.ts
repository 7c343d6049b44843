import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { ArchiveEntry, type ArchiveEntryT, type BufferedArchiveEntryT } from '../src/candid.js';
import { ArchiveLog, be64 } from './archive-log.js';
import { MemoryArchiveStorage } from './test-support.js';

function entry(seq: bigint, anchor: bigint, timestamp = 1_000n + seq): BufferedArchiveEntryT {
  const value: ArchiveEntryT = {
    anchor,
    operation: { remove_device: { device: new Uint8Array([Number(seq)]) } },
    timestamp,
    caller: Principal.anonymous(),
    sequence_number: seq,
  };
  return {
    anchor_number: anchor,
    timestamp,
    sequence_number: seq,
    entry: new Uint8Array(IDL.encode([ArchiveEntry], [value])),
  };
}

const seqs = (entries: Array<[] | [ArchiveEntryT]>) => entries.map((e) => e[0]?.sequence_number);

describe('the archive log', () => {
  it('stores entries in sequence order, once each, whatever order and repetition they come in', () => {
    const log = new ArchiveLog(new MemoryArchiveStorage());
    expect(log.append([entry(1n, 10n), entry(0n, 10n), entry(2n, 11n)])).toBe(3);
    // A fetch that was not acknowledged comes again: nothing new is stored.
    expect(log.append([entry(1n, 10n), entry(2n, 11n), entry(3n, 10n)])).toBe(1);
    expect(seqs(log.entries(0n, 10))).toEqual([0n, 1n, 2n, 3n]);
  });

  it('get_entries: the latest without an index, a window from an index, bounded by the limit', () => {
    const log = new ArchiveLog(new MemoryArchiveStorage());
    log.append(Array.from({ length: 10 }, (_, i) => entry(BigInt(i), 1n)));
    expect(seqs(log.entries(undefined, 3))).toEqual([7n, 8n, 9n]);
    expect(seqs(log.entries(2n, 3))).toEqual([2n, 3n, 4n]);
    expect(seqs(log.entries(8n, 5))).toEqual([8n, 9n]);
    expect(log.entries(20n, 5)).toEqual([]);
  });

  it("get_anchor_entries: one anchor's entries in pages, from a time, with a next token", () => {
    const log = new ArchiveLog(new MemoryArchiveStorage());
    log.append(
      Array.from({ length: 12 }, (_, i) => entry(BigInt(i), BigInt(i % 3), 100n * BigInt(i))),
    );
    const first = log.anchorEntries(0n, undefined, 2);
    expect(seqs(first.entries)).toEqual([0n, 3n]);
    expect(first.next_token).toEqual([be64(2n)]);
    const second = log.anchorEntries(0n, { next_token: first.next_token[0]! }, 2);
    expect(seqs(second.entries)).toEqual([6n, 9n]);
    expect(second.next_token).toEqual([]);
    expect(seqs(log.anchorEntries(1n, { timestamp: 401n }, 10).entries)).toEqual([7n, 10n]);
    expect(seqs(log.anchorEntries(1n, { timestamp: 400n }, 10).entries)).toEqual([4n, 7n, 10n]);
    expect(log.anchorEntries(5n, undefined, 10)).toEqual({ entries: [], next_token: [] });
    expect(log.anchorEntries(0n, { next_token: new Uint8Array(3) }, 10).entries).toEqual([]);
  });

  it('answers an entry it cannot decode as null rather than failing the query', () => {
    const log = new ArchiveLog(new MemoryArchiveStorage());
    log.append([{ ...entry(0n, 1n), entry: new Uint8Array([1, 2, 3]) }, entry(1n, 1n)]);
    expect(log.entries(0n, 5).map((e) => e.length)).toEqual([0, 1]);
  });
});
