import { describe, expect, it } from 'vitest';
import { StableMemoryError } from './errors.js';
import { STABLE_PAGE_BYTES, StableMemory } from './stable-memory.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const readAt = (m: StableMemory, offset: bigint, n: number): number[] => {
  const out = new Uint8Array(n);
  m.read(offset, out);
  return [...out];
};

describe('StableMemory', () => {
  it('grows in pages, returns the previous size, and refuses beyond the maximum', () => {
    const m = new StableMemory({ maxBytes: 3n * BigInt(STABLE_PAGE_BYTES) });
    expect(m.grow(2n)).toBe(0n);
    expect(m.grow(1n)).toBe(2n);
    expect(m.grow(1n)).toBe(-1n);
    expect(m.sizePages).toBe(3n);
  });

  it('is sparse: a large memory stores only the touched pages', () => {
    const m = new StableMemory();
    m.grow(1_100n); // ~70 MB, like Azle's memory manager
    m.write(70_000_000n, bytes(1, 2, 3));
    expect(m.storedPages).toBe(1);
    expect(readAt(m, 69_999_999n, 5)).toEqual([0, 1, 2, 3, 0]);
  });

  it('reads and writes across page boundaries', () => {
    const m = new StableMemory();
    m.grow(2n);
    const at = BigInt(STABLE_PAGE_BYTES - 2);
    m.write(at, bytes(7, 8, 9, 10));
    expect(readAt(m, at, 4)).toEqual([7, 8, 9, 10]);
    expect(m.storedPages).toBe(2);
  });

  it('throws on out-of-bounds access', () => {
    const m = new StableMemory();
    m.grow(1n);
    expect(() => m.write(BigInt(STABLE_PAGE_BYTES - 1), bytes(1, 2))).toThrow(StableMemoryError);
    expect(() => m.read(-1n, new Uint8Array(1))).toThrow(StableMemoryError);
  });

  it('rolls back writes and growth of a transaction', () => {
    const m = new StableMemory();
    m.grow(1n);
    m.write(0n, bytes(1));
    m.begin();
    m.write(0n, bytes(2));
    m.write(0n, bytes(3));
    m.grow(5n);
    m.write(BigInt(STABLE_PAGE_BYTES * 3), bytes(4));
    m.rollback();
    expect(m.sizePages).toBe(1n);
    expect(readAt(m, 0n, 1)).toEqual([1]);
    expect(m.storedPages).toBe(1);
  });

  it('keeps committed writes and undoes only the open transaction', () => {
    const m = new StableMemory();
    m.grow(1n);
    m.begin();
    m.write(0n, bytes(5));
    m.commit();
    m.begin();
    m.write(0n, bytes(6));
    m.rollback();
    expect(readAt(m, 0n, 1)).toEqual([5]);
    expect(() => m.commit()).toThrow(StableMemoryError);
  });

  it("clones copy-on-write: neither side sees the other's later writes", () => {
    const a = new StableMemory();
    a.grow(1n);
    a.write(0n, bytes(1));
    const b = a.clone();
    a.write(0n, bytes(2));
    b.write(1n, bytes(3));
    expect(readAt(a, 0n, 2)).toEqual([2, 0]);
    expect(readAt(b, 0n, 2)).toEqual([1, 3]);
  });

  it('restoreFrom a clone brings back the earlier contents', () => {
    const m = new StableMemory();
    m.grow(1n);
    m.write(0n, bytes(1));
    const saved = m.clone();
    m.grow(1n);
    m.write(0n, bytes(9));
    m.restoreFrom(saved);
    expect(m.sizePages).toBe(1n);
    expect(readAt(m, 0n, 1)).toEqual([1]);
    m.write(0n, bytes(4));
    expect(readAt(saved, 0n, 1)).toEqual([1]);
  });

  it('serializes only non-zero pages and round-trips', () => {
    const m = new StableMemory();
    m.grow(10n);
    m.write(BigInt(STABLE_PAGE_BYTES * 7), bytes(42));
    m.write(0n, bytes(0)); // touched but all zero: not serialized
    const s = m.serialize();
    expect(s.pages.map((p) => p.index)).toEqual([7]);
    const back = StableMemory.deserialize(s);
    expect(back.sizePages).toBe(10n);
    expect(readAt(back, BigInt(STABLE_PAGE_BYTES * 7), 1)).toEqual([42]);
    expect(() =>
      StableMemory.deserialize({
        ...s,
        pages: [{ index: 11, data: new Uint8Array(STABLE_PAGE_BYTES) }],
      }),
    ).toThrow(StableMemoryError);
  });
});
