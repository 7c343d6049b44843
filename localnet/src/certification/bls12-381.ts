/**
 * `@noble/curves`' BLS12-381 with the G2 generator's window set before its first use. By default
 * noble builds an 8-bit window table for that point on first use (~0.5–2 s on this loaded 2-core
 * machine): at start-up, when the subnet key's public key is derived, and again in every fresh
 * process that verifies a certificate. A 1-bit window needs no table; verification measured no
 * slower. Import the curve from here, not from the package.
 */
import { bls12_381 } from '@noble/curves/bls12-381';

bls12_381.G2.Point.BASE.precompute(1);

export { bls12_381 };
