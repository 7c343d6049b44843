/**
 * This page is a fresh document every time (the authorize popup), and `@noble/curves` builds
 * precomputed tables for a curve's generator on its first use: an 8-bit window table for BLS12-381's
 * G2 generator (checked in every certificate's subgroup check, ~100 ms in the popup's profile) and
 * for Ed25519's base point (every query's node signature, ~50 ms). A page that verifies a handful
 * of signatures never earns those tables back. With a 1-bit window there is no table to build;
 * measured in Node on this machine: the first Ed25519 verification 53–58 ms → 7–12 ms, later ones
 * 2–5 ms either way.
 */
import { bls12_381 } from '@noble/curves/bls12-381';
import { ed25519 } from '@noble/curves/ed25519';

/** Call once at start-up, before the first signature is verified. Lazy: costs nothing here. */
export function lightenCurveSetup(): void {
  bls12_381.G2.Point.BASE.precompute(1);
  ed25519.Point.BASE.precompute(1);
}
