/**
 * ECDSA request signatures on P-256 and secp256k1 with SHA-256 (IC spec "Ed25519 and ECDSA signatures"):
 * RFC 5480 DER keys with uncompressed points, signatures as 64-byte r ‖ s. Verified by Node's crypto.
 */
import { verify, type KeyObject } from 'node:crypto';
import { spkiPublicKey } from './key-cache.js';
import { SignatureError } from './errors.js';
import type { Spki } from './spki.js';
import type { Verifier } from './verifier.js';

export const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';
export const P256_OID = '1.2.840.10045.3.1.7';
export const SECP256K1_OID = '1.3.132.0.10';

// secp256k1 group order / 2: the IC (ic_secp256k1 `verify_signature`) refuses malleable high-S signatures.
const SECP256K1_HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

function curveName(oid: string | undefined): 'p256' | 'secp256k1' {
  if (oid === P256_OID) return 'p256';
  if (oid === SECP256K1_OID) return 'secp256k1';
  throw new SignatureError(`unsupported ECDSA curve ${oid ?? '(none)'}`);
}

function isHighS(signature: Uint8Array): boolean {
  let s = 0n;
  for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(signature[i]);
  return s > SECP256K1_HALF_ORDER;
}

export function ecdsaVerifier(der: Uint8Array, spki: Spki): Verifier {
  const curve = curveName(spki.parameters);
  // The spec requires uncompressed points (0x04 ‖ x ‖ y).
  if (spki.key.length !== 65 || spki.key[0] !== 0x04) {
    throw new SignatureError('ECDSA public key must be an uncompressed point');
  }
  let key: KeyObject;
  try {
    key = spkiPublicKey(der);
  } catch {
    throw new SignatureError('ECDSA public key is not a point on the curve');
  }
  const scheme = curve === 'p256' ? 'ecdsa-p256' : 'ecdsa-secp256k1';
  return {
    scheme,
    async verify(message, signature) {
      const ok =
        signature.length === 64 &&
        !(curve === 'secp256k1' && isHighS(signature)) &&
        verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
      if (!ok)
        throw new SignatureError(
          `${curve === 'p256' ? 'EcdsaP256' : 'EcdsaSecp256k1'} signature could not be verified`,
        );
    },
  };
}
