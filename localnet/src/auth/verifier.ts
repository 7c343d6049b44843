/** What every public-key scheme provides once its DER key is parsed. */
export type Scheme =
  | 'ed25519'
  | 'ecdsa-p256'
  | 'ecdsa-secp256k1'
  | 'webauthn-ecdsa-p256'
  | 'webauthn-rsa'
  | 'canister-signature';

/** Category of a scheme's errors, in the replica's words ("Invalid basic signature: ..."). */
export function errorCategory(scheme: Scheme): string {
  if (scheme.startsWith('webauthn')) return 'WebAuthn error';
  if (scheme === 'canister-signature') return 'Invalid canister signature';
  return 'Invalid basic signature';
}

export interface Verifier {
  scheme: Scheme;
  /** Resolves if `signature` signs `message` (the domain-separated payload); throws SignatureError otherwise. */
  verify(message: Uint8Array, signature: Uint8Array): Promise<void>;
}

export interface VerifierContext {
  /** DER of the BLS root key canister-signature certificates must chain to. */
  rootKey: Uint8Array;
}
