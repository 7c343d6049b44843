/** Helpers for the tests of auth/ (signed envelopes are in testing/signed-envelope.ts). */

/** Flips one bit of a byte string (by default its last byte). */
export function flip(b: Uint8Array, i = b.length - 1): Uint8Array {
  const c = new Uint8Array(b);
  c[i] ^= 0x01;
  return c;
}
