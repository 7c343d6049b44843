/**
 * Anchor numbers come from the canister's assigned range `[lo, hi)` in order: `lo + count`
 * is the next one. The range can be set at install and changed on upgrade, but once anchors
 * exist `lo` is fixed (II PR #1194) and `hi` cannot cut off allocated numbers.
 */

export const DEFAULT_FIRST_ANCHOR = 10_000n;
/**
 * II's default (v6 era): (32 GiB − 2 pages − 0.8 GiB) / 4 KiB ≈ 8.18 M anchors. Our records are
 * far smaller than 4 KiB, so this is not a storage bound, only a default that matches II.
 */
export const DEFAULT_RANGE_SIZE = 8_178_860n;
export const DEFAULT_ANCHOR_RANGE: AnchorRange = {
  lo: DEFAULT_FIRST_ANCHOR,
  hi: DEFAULT_FIRST_ANCHOR + DEFAULT_RANGE_SIZE,
};

const U64_MAX = 2n ** 64n - 1n;

export interface AnchorRange {
  readonly lo: bigint;
  /** Exclusive. */
  readonly hi: bigint;
}

export interface AnchorAllocation {
  readonly range: AnchorRange;
  /** Anchors allocated so far; the next number is `range.lo + count`. */
  readonly count: bigint;
}

export type AnchorRangeError =
  | { code: 'InvalidAnchorRange'; message: string }
  | { code: 'AnchorRangeLoChanged'; message: string }
  | { code: 'AnchorRangeTooSmall'; message: string };

export type AllocateResult =
  { kind: 'allocated'; number: bigint; allocation: AnchorAllocation } | { kind: 'canister_full' };

export function allocateAnchorNumber(current: AnchorAllocation): AllocateResult {
  const number = current.range.lo + current.count;
  if (number >= current.range.hi) return { kind: 'canister_full' };
  return {
    kind: 'allocated',
    number,
    allocation: { range: current.range, count: current.count + 1n },
  };
}

/** Is `n` a number this canister could have handed out (cheap pre-check before a lookup)? */
export function isAllocated(current: AnchorAllocation, n: bigint): boolean {
  return n >= current.range.lo && n < current.range.lo + current.count;
}

/** Applies an install/upgrade range argument; the allocation is untouched on error. */
export function changeAnchorRange(
  current: AnchorAllocation,
  range: AnchorRange,
): { ok: true; allocation: AnchorAllocation } | { ok: false; error: AnchorRangeError } {
  if (range.lo < 0n || range.hi > U64_MAX || range.lo >= range.hi) {
    return {
      ok: false,
      error: {
        code: 'InvalidAnchorRange',
        message: `anchor range [${range.lo}, ${range.hi}) must be non-empty and within nat64`,
      },
    };
  }
  if (current.count > 0n && range.lo !== current.range.lo) {
    return {
      ok: false,
      error: {
        code: 'AnchorRangeLoChanged',
        message: `anchor range start cannot change from ${current.range.lo} to ${range.lo} once anchors exist (${current.count} allocated)`,
      },
    };
  }
  if (range.lo + current.count > range.hi) {
    return {
      ok: false,
      error: {
        code: 'AnchorRangeTooSmall',
        message: `anchor range [${range.lo}, ${range.hi}) cannot hold the ${current.count} anchors already allocated`,
      },
    };
  }
  return { ok: true, allocation: { range, count: current.count } };
}
