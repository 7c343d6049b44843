import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateAnchorNumber,
  type AnchorAllocation,
  changeAnchorRange,
  DEFAULT_ANCHOR_RANGE,
  isAllocated,
} from './anchor-numbers.js';

const fresh = (lo: bigint, hi: bigint): AnchorAllocation => ({ range: { lo, hi }, count: 0n });

describe('allocateAnchorNumber', () => {
  it('starts at 10,000 by default with room for more than 8 million anchors', () => {
    expect(DEFAULT_ANCHOR_RANGE.lo).toBe(10_000n);
    expect(DEFAULT_ANCHOR_RANGE.hi - DEFAULT_ANCHOR_RANGE.lo).toBeGreaterThanOrEqual(8_000_000n);
    const r = allocateAnchorNumber({ range: DEFAULT_ANCHOR_RANGE, count: 0n });
    expect(r).toMatchObject({ kind: 'allocated', number: 10_000n, allocation: { count: 1n } });
  });

  it('hands out consecutive numbers until the range is used up', () => {
    let a = fresh(5n, 8n);
    const numbers: bigint[] = [];
    for (;;) {
      const r = allocateAnchorNumber(a);
      if (r.kind === 'canister_full') break;
      numbers.push(r.number);
      a = r.allocation;
    }
    expect(numbers).toEqual([5n, 6n, 7n]);
    expect(allocateAnchorNumber(a)).toEqual({ kind: 'canister_full' });
    expect(isAllocated(a, 7n)).toBe(true);
    expect(isAllocated(a, 8n)).toBe(false);
    expect(isAllocated(a, 4n)).toBe(false);
  });

  it('never allocates outside [lo, hi) nor twice (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1000n }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ max: 40, min: 0 }),
        (lo, size, calls) => {
          let a = fresh(lo, lo + BigInt(size));
          const seen = new Set<bigint>();
          for (let i = 0; i < calls; i++) {
            const r = allocateAnchorNumber(a);
            if (r.kind === 'canister_full') {
              expect(seen.size).toBe(size);
              continue;
            }
            expect(r.number >= lo && r.number < lo + BigInt(size)).toBe(true);
            expect(seen.has(r.number)).toBe(false);
            seen.add(r.number);
            a = r.allocation;
          }
        },
      ),
    );
  });
});

describe('changeAnchorRange', () => {
  it('any valid range may be set while no anchor exists', () => {
    expect(changeAnchorRange(fresh(10n, 20n), { lo: 100n, hi: 200n })).toEqual({
      ok: true,
      allocation: { range: { lo: 100n, hi: 200n }, count: 0n },
    });
  });

  it('with anchors, lo must stay and hi may grow or shrink down to the allocated ones', () => {
    const a: AnchorAllocation = { range: { lo: 10n, hi: 20n }, count: 5n };
    expect(changeAnchorRange(a, { lo: 10n, hi: 1_000n })).toMatchObject({
      ok: true,
      allocation: { count: 5n },
    });
    expect(changeAnchorRange(a, { lo: 10n, hi: 15n }).ok).toBe(true);
    expect(changeAnchorRange(a, { lo: 10n, hi: 14n })).toMatchObject({
      ok: false,
      error: { code: 'AnchorRangeTooSmall' },
    });
    expect(changeAnchorRange(a, { lo: 11n, hi: 20n })).toMatchObject({
      ok: false,
      error: { code: 'AnchorRangeLoChanged' },
    });
  });

  it('refuses empty, inverted and out-of-nat64 ranges', () => {
    for (const range of [
      { lo: 5n, hi: 5n },
      { lo: 6n, hi: 5n },
      { lo: -1n, hi: 5n },
      { lo: 0n, hi: 2n ** 64n },
    ]) {
      expect(changeAnchorRange(fresh(0n, 10n), range)).toMatchObject({
        ok: false,
        error: { code: 'InvalidAnchorRange' },
      });
    }
  });
});
