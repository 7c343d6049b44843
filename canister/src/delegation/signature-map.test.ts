import { describe, expect, it } from 'vitest';
import { isWellFormed, lookupPath } from '@ii/localnet/testing';
import { hashEmpty, reconstruct } from '../certification/hash-tree.js';
import { hashCallCount } from '../certification/sha256.js';
import { nodeSha256 } from '../certification/test-support.js';
import {
  MAX_SIGS_TO_PRUNE,
  SIGNATURE_EXPIRATION_PERIOD_NS,
  SignatureMap,
} from './signature-map.js';

const h = (...n: number[]) => nodeSha256(new Uint8Array(n));
const T0 = 1_700_000_000_000_000_000n;
const SECOND = 1_000_000_000n;

describe('SignatureMap', () => {
  it('certifies [seedHash, msgHash] = "" and witnesses exactly that path', () => {
    const m = new SignatureMap();
    expect(m.rootHash()).toEqual(hashEmpty());
    m.add(h(1), h(10), T0);
    m.add(h(1), h(11), T0);
    m.add(h(2), h(10), T0);
    expect(m.count()).toBe(3);
    const w = m.witness(h(1), h(11))!;
    expect(reconstruct(w)).toEqual(m.rootHash());
    expect(isWellFormed(w)).toBe(true);
    expect(lookupPath([h(1), h(11)], w)).toEqual({ status: 'found', value: new Uint8Array() });
    expect(lookupPath([h(1), h(10)], w).status).toBe('unknown');
    expect(m.witness(h(2), h(11))).toBeUndefined();
    expect(m.has(h(2), h(10))).toBe(true);
    expect(m.has(h(3), h(10))).toBe(false);
  });

  it('keeps an entry 1 minute, then prunes it on a later add', () => {
    const m = new SignatureMap();
    m.add(h(1), h(10), T0);
    const rootWithOne = m.rootHash();
    m.add(h(2), h(20), T0 + SIGNATURE_EXPIRATION_PERIOD_NS - 1n); // not yet expired
    expect(m.has(h(1), h(10))).toBe(true);
    m.add(h(3), h(30), T0 + SIGNATURE_EXPIRATION_PERIOD_NS); // expires_at <= now: pruned
    expect(m.has(h(1), h(10))).toBe(false);
    expect(m.witness(h(1), h(10))).toBeUndefined();
    expect(m.count()).toBe(2);
    expect(m.rootHash()).not.toEqual(rootWithOne);
    // The seed subtree of h(1) went with its last message.
    expect(m.pruneExpired(T0 + 10n * SIGNATURE_EXPIRATION_PERIOD_NS)).toBe(2);
    expect(m.count()).toBe(0);
    expect(m.rootHash()).toEqual(hashEmpty());
  });

  it('prunes at most 50 expired entries per add (bounded work)', () => {
    const m = new SignatureMap();
    for (let i = 0; i < 120; i++) m.add(h(i), h(i, 1), T0);
    const later = T0 + 2n * SIGNATURE_EXPIRATION_PERIOD_NS;
    m.add(h(500), h(500), later);
    expect(m.count()).toBe(120 - MAX_SIGS_TO_PRUNE + 1);
    m.add(h(501), h(501), later);
    expect(m.count()).toBe(120 - 2 * MAX_SIGS_TO_PRUNE + 2);
    m.add(h(502), h(502), later);
    expect(m.count()).toBe(3); // the third add pruned the remaining 20: only the new ones are left
  });

  it('adding a live entry again extends its life without re-hashing the tree', () => {
    const m = new SignatureMap();
    m.add(h(1), h(10), T0);
    const root = m.rootHash();
    const before = hashCallCount();
    m.add(h(1), h(10), T0 + 30n * SECOND);
    expect(hashCallCount()).toBe(before);
    expect(m.rootHash()).toEqual(root);
    m.add(h(2), h(20), T0 + 70n * SECOND); // past the first expiry, before the second
    expect(m.has(h(1), h(10))).toBe(true);
    m.add(h(3), h(30), T0 + 90n * SECOND);
    expect(m.has(h(1), h(10))).toBe(false);
    expect(m.count()).toBe(2);
  });

  it('rejects hashes that are not 32 bytes', () => {
    expect(() => new SignatureMap().add(new Uint8Array(31), h(1), T0)).toThrow(
      expect.objectContaining({ code: 'II_ERR_DELEGATION_HASH_LENGTH' }),
    );
  });

  it('bench: SHA-256 calls per add stay logarithmic at 10 / 1,000 / 10,000 live signatures', () => {
    const rows: Array<{ live: number; add: number; steady: number; burst: number }> = [];
    const key = (i: number, tag: number) => h(i >> 8, i & 0xff, tag);
    for (const live of [10, 1_000, 10_000]) {
      // One message per seed (the common case: one login per anchor × frontend), added 1 ns apart.
      const m = new SignatureMap();
      for (let i = 0; i < live; i++) m.add(key(i, 0), key(i, 1), T0 + BigInt(i));
      const cost = (fn: () => void) => {
        const c = hashCallCount();
        fn();
        return hashCallCount() - c;
      };
      const add = cost(() => m.add(key(live, 0), key(live, 1), T0 + BigInt(live)));
      // Steady state: exactly the oldest entry has expired when the next one comes in.
      const steady = cost(() =>
        m.add(key(live + 1, 0), key(live + 1, 1), T0 + SIGNATURE_EXPIRATION_PERIOD_NS),
      );
      expect(m.count()).toBe(live + 1);
      // Burst: everything expired at once; the add prunes the first 50 only.
      const burst = cost(() =>
        m.add(key(live + 2, 0), key(live + 2, 1), T0 + 10n * SIGNATURE_EXPIRATION_PERIOD_NS),
      );
      expect(m.count()).toBe(Math.max(live + 1 - MAX_SIGS_TO_PRUNE, 0) + 1);
      rows.push({ live, add, steady, burst });
    }
    console.log(
      'SignatureMap: SHA-256 calls per add (inputs < 100 bytes; NOTES: ~1.5 ms per KiB in the canister)\n' +
        rows
          .map(
            (r) =>
              `  ${String(r.live).padStart(6)} live: add ${r.add}, add pruning 1: ${r.steady}, add pruning ≤50: ${r.burst}`,
          )
          .join('\n'),
    );
    for (const r of rows) {
      const perPath = 2 * 1.4405 * Math.log2(r.live + 2) + 6;
      expect(r.add).toBeLessThanOrEqual(perPath);
      expect(r.steady).toBeLessThanOrEqual(2 * perPath + 4);
      expect(r.burst).toBeLessThanOrEqual((MAX_SIGS_TO_PRUNE + 1) * perPath);
    }
    expect(rows[2].add).toBeLessThan(50);
  });
});
