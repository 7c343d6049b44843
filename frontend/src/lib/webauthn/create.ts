/** Creating a passkey for an anchor (registration, adding a device, recovery security key). */
import { startRegistration } from '@simplewebauthn/browser';
import { bytesEqual, fromBase64Url, toBase64Url } from '../bytes.js';
import {
  COSE_ALG_ES256,
  COSE_ALG_RS256,
  authDataFromAttestationObject,
  coseToDer,
  parseAuthenticatorData,
} from './cose.js';
import { PasskeyError } from './errors.js';

export interface CreatePasskeyOptions {
  /** The anchor's existing credentials: the authenticator refuses to register one twice. */
  excludeCredentialIds?: Uint8Array[];
  /** Shown by the browser's passkey UI; defaults to "Internet Identity". */
  userName?: string;
  /** Defaults to the page's hostname. */
  rpId?: string;
}

export interface CreatedPasskey {
  credentialId: Uint8Array;
  /** DER-wrapped COSE key (OID 1.3.6.1.4.1.56387.1.1): the device's `pubkey`. */
  publicKeyDer: Uint8Array;
  /** Reported by the browser; `cross_platform` when it does not say. */
  keyType: 'platform' | 'cross_platform';
}

export async function createPasskey(opts: CreatePasskeyOptions = {}): Promise<CreatedPasskey> {
  const name = opts.userName ?? 'Internet Identity';
  const response = await startRegistration({
    optionsJSON: {
      rp: { name: 'Internet Identity', id: opts.rpId ?? globalThis.location.hostname },
      // A random user handle per passkey: anchors are not linked through the authenticator.
      user: { id: toBase64Url(random(16)), name, displayName: name },
      // The IC ignores attestation, so the challenge only has to be unpredictable.
      challenge: toBase64Url(random(16)),
      pubKeyCredParams: [
        { type: 'public-key', alg: COSE_ALG_ES256 },
        { type: 'public-key', alg: COSE_ALG_RS256 },
      ],
      excludeCredentials: (opts.excludeCredentialIds ?? []).map((id) => ({
        id: toBase64Url(id),
        type: 'public-key',
      })),
      authenticatorSelection: { userVerification: 'preferred', residentKey: 'preferred' },
      attestation: 'none',
      timeout: 120_000,
    },
  });
  const authData = authDataFromAttestationObject(
    fromBase64Url(response.response.attestationObject),
  );
  const credential = parseAuthenticatorData(authData);
  if (!bytesEqual(credential.credentialId, fromBase64Url(response.rawId)))
    throw new PasskeyError(
      'webauthn_bad_attestation',
      'The credential id does not match the attested one.',
    );
  return {
    credentialId: credential.credentialId,
    publicKeyDer: coseToDer(credential.cose),
    keyType: response.authenticatorAttachment === 'platform' ? 'platform' : 'cross_platform',
  };
}

function random(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}
