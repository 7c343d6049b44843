/** Chooses the signature scheme from a DER public key's algorithm identifier. */
import { CANISTER_SIGNATURE_OID, canisterSignatureVerifier } from './canister-signature.js';
import { parseSpki } from './spki.js';
import { EC_PUBLIC_KEY_OID, ecdsaVerifier } from './ecdsa.js';
import { ED25519_OID, ed25519Verifier } from './ed25519.js';
import { SignatureError } from './errors.js';
import { DER_COSE_OID, webAuthnVerifier } from './webauthn.js';
import type { Verifier, VerifierContext } from './verifier.js';

/** Throws SignatureError for keys the IC does not accept (malformed DER, unknown algorithm, bad point). */
export function parsePublicKey(der: Uint8Array, ctx: VerifierContext): Verifier {
  const spki = parseSpki(der);
  switch (spki.algorithm) {
    case ED25519_OID:
      return ed25519Verifier(der, spki);
    case EC_PUBLIC_KEY_OID:
      return ecdsaVerifier(der, spki);
    case DER_COSE_OID:
      return webAuthnVerifier(spki);
    case CANISTER_SIGNATURE_OID:
      return canisterSignatureVerifier(spki, ctx);
    default:
      // Includes plain RSA (1.2.840.113549.1.1.1): the spec allows RSA only inside WebAuthn.
      throw new SignatureError(`unsupported public key algorithm ${spki.algorithm}`);
  }
}
