/**
 * The subnet's BLS12-381 threshold key, played by one key: min-sig scheme (48-byte signatures in
 * G1, 96-byte public keys in G2), the scheme and hash-to-curve DST the IC certifies state with.
 */
import { createHash } from 'node:crypto';
import { bls12_381 } from './bls12-381.js';

/** DER prefix of an IC BLS public key (algorithm OIDs of the interface spec); the key follows. */
export const BLS_DER_PREFIX = Buffer.from(
  '308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100',
  'hex',
);
export const BLS_SIGNATURE_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

const ORDER = bls12_381.fields.Fr.ORDER;

export class BlsKey {
  readonly #secret: Uint8Array;
  /** Raw public key, 96 bytes (compressed G2). */
  readonly publicKey: Uint8Array;
  /** DER-encoded public key, 133 bytes: what `/api/v2/status` calls `root_key`. */
  readonly publicKeyDer: Uint8Array;

  private constructor(secret: Uint8Array) {
    this.#secret = secret;
    this.publicKey = bls12_381.getPublicKeyForShortSignatures(secret);
    this.publicKeyDer = Buffer.concat([BLS_DER_PREFIX, this.publicKey]);
  }

  /** Deterministic from a seed: the scalar is sha512(domain ‖ seed) mod (r-1) + 1 (never zero). */
  static fromSeed(seed: Uint8Array): BlsKey {
    const wide = createHash('sha512').update('localnet-bls-root-key').update(seed).digest('hex');
    const scalar = (BigInt('0x' + wide) % (ORDER - 1n)) + 1n;
    return new BlsKey(Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex'));
  }

  /** Signs `message` (hashed to G1 with BLS_SIGNATURE_DST); 48 bytes. Costs ~10-20 ms. */
  sign(message: Uint8Array): Uint8Array {
    return bls12_381.signShortSignature(message, this.#secret, { DST: BLS_SIGNATURE_DST });
  }
}

/** Verifies a min-sig BLS signature against a raw 96-byte public key. */
export function blsVerify(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): boolean {
  try {
    return bls12_381.verifyShortSignature(signature, message, publicKey, {
      DST: BLS_SIGNATURE_DST,
    });
  } catch {
    return false; // malformed points are simply invalid signatures
  }
}
