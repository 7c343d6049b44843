import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import type { BufferedArchiveEntryT } from '../src/candid.js';
import { ArchiveLog } from './archive-log.js';
import { type IiPort, Poller } from './poller.js';
import { MemoryArchiveStorage } from './test-support.js';

const e = (seq: bigint): BufferedArchiveEntryT => ({
  anchor_number: 1n,
  timestamp: seq,
  sequence_number: seq,
  entry: new Uint8Array([0]),
});

/** A fake II: a buffer the poller drains, calls that can be made to fail. */
function fakeIi() {
  const state = {
    buffer: [] as BufferedArchiveEntryT[],
    acknowledged: [] as bigint[],
    failFetch: false,
    failAck: false,
    pending: undefined as Promise<void> | undefined,
  };
  const ii: IiPort = {
    canisterId: () => new Uint8Array([0, 0, 0, 0, 0, 0, 0, 7, 1, 1]),
    now: () => 5_000_000_000n,
    fetchEntries: async () => {
      await state.pending;
      if (state.failFetch)
        throw { type: 'CallRejected', rejectCode: 5, rejectMessage: 'II stopped' };
      return state.buffer.slice(0, 2);
    },
    acknowledgeEntries: async (seq) => {
      if (state.failAck) throw { type: 'CallRejected', rejectCode: 2, rejectMessage: 'later' };
      state.acknowledged.push(seq);
      state.buffer = state.buffer.filter((x) => x.sequence_number > seq);
    },
  };
  return { state, ii };
}

describe('the poller', () => {
  it('fetches, stores, acknowledges the highest sequence number, and drains II over ticks', async () => {
    const { state, ii } = fakeIi();
    const storage = new MemoryArchiveStorage();
    const poller = new Poller(new ArchiveLog(storage), ii, 3, (b) => Principal.fromUint8Array(b));
    state.buffer = [e(0n), e(1n), e(2n)];
    await poller.poll();
    expect(state.acknowledged).toEqual([1n]);
    await poller.poll();
    await poller.poll();
    expect(state.acknowledged).toEqual([1n, 2n]);
    expect(storage.log.size).toBe(3);
    expect(poller.lastSuccessfulFetch).toEqual({ timestamp: 5_000_000_000n, number_of_entries: 0 });
  });

  it('keeps the last error_buffer_limit failures; a failed acknowledge is answered again, stored once', async () => {
    const { state, ii } = fakeIi();
    const storage = new MemoryArchiveStorage();
    const poller = new Poller(new ArchiveLog(storage), ii, 2, (b) => Principal.fromUint8Array(b));
    state.buffer = [e(0n), e(1n)];
    state.failAck = true;
    await poller.poll();
    expect(storage.log.size).toBe(2);
    state.failAck = false;
    await poller.poll();
    expect(storage.log.size).toBe(2);
    expect(state.buffer).toEqual([]);
    state.failFetch = true;
    await poller.poll();
    await poller.poll();
    expect(poller.callErrors.map((c) => [c.method, c.rejection_code, c.message])).toEqual([
      ['fetch_entries', 5, 'II stopped'],
      ['fetch_entries', 5, 'II stopped'],
    ]);
    expect(poller.callErrors[0]!.canister.toText()).toBe('rdmx6-jaaaa-aaaaa-aaadq-cai');
  });

  it('does nothing on a tick while the previous pull still waits for II', async () => {
    const { state, ii } = fakeIi();
    let release!: () => void;
    state.pending = new Promise((r) => (release = r));
    state.buffer = [e(0n)];
    const poller = new Poller(
      new ArchiveLog(new MemoryArchiveStorage()),
      ii,
      2,
      Principal.fromUint8Array,
    );
    const first = poller.poll();
    await poller.poll();
    release();
    await first;
    expect(state.acknowledged).toEqual([0n]);
  });
});
