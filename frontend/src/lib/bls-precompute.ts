/**
 * Every certificate the agent verifies (BLS, `@noble/curves`) checks that the G2 generator is in
 * its subgroup. By default noble builds an 8-bit window table for that point on first use (~100 ms
 * in the popup's profile), and this page is a fresh document every time (the authorize popup).
 * With a 1-bit window there is no table to build, and later verifications measured no slower.
 */
import { bls12_381 } from '@noble/curves/bls12-381';

/** Call once at start-up, before the first certificate is verified. Lazy: costs nothing here. */
export function precomputeBlsGenerator(): void {
  bls12_381.G2.Point.BASE.precompute(1);
}
