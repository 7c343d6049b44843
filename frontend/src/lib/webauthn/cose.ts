/**
 * Getting the IC's view of a new passkey out of its attestation: the credential id and the COSE
 * public key from the attested credential data in authenticatorData (WebAuthn §6.5.1), wrapped
 * in DER with OID 1.3.6.1.4.1.56387.1.1 (IC interface spec "Web Authentication").
 */
import { DER_COSE_OID, wrapDER } from '@dfinity/agent';
import { decodeCbor, decodeCborItem, type CborValue } from './cbor.js';
import { PasskeyError } from './errors.js';

export const COSE_ALG_ES256 = -7;
export const COSE_ALG_RS256 = -257;

const FLAG_ATTESTED_CREDENTIAL_DATA = 0x40;
// rpIdHash (32) | flags (1) | signCount (4) | aaguid (16) | credentialIdLength (2)
const CRED_ID_LENGTH_OFFSET = 53;
const CRED_ID_OFFSET = 55;

export interface AttestedCredential {
  credentialId: Uint8Array;
  cose: Uint8Array;
  alg: typeof COSE_ALG_ES256 | typeof COSE_ALG_RS256;
}

export function parseAuthenticatorData(authData: Uint8Array): AttestedCredential {
  if (authData.length < CRED_ID_OFFSET || !(authData[32] & FLAG_ATTESTED_CREDENTIAL_DATA))
    throw new PasskeyError(
      'webauthn_bad_attestation',
      'The authenticator returned no credential data.',
    );
  const idLen = (authData[CRED_ID_LENGTH_OFFSET] << 8) | authData[CRED_ID_LENGTH_OFFSET + 1];
  const coseStart = CRED_ID_OFFSET + idLen;
  if (coseStart >= authData.length)
    throw new PasskeyError('webauthn_bad_attestation', 'The authenticator data is truncated.');
  let end: number;
  let key: CborValue;
  try {
    // Extension data may follow the key: cut exactly one CBOR item.
    ({ value: key, end } = decodeCborItem(authData, coseStart));
  } catch (e) {
    throw new PasskeyError(
      'webauthn_bad_attestation',
      `The public key is not valid CBOR: ${(e as Error).message}`,
    );
  }
  if (!(key instanceof Map))
    throw new PasskeyError('webauthn_bad_attestation', 'The public key is not a COSE key.');
  const kty = key.get(1);
  const alg = key.get(3);
  const ok =
    (kty === 2 && alg === COSE_ALG_ES256 && key.get(-1) === 1) ||
    (kty === 3 && alg === COSE_ALG_RS256);
  if (!ok)
    throw new PasskeyError(
      'webauthn_unsupported_algorithm',
      `The authenticator created an unsupported key (type ${String(kty)}, algorithm ${String(alg)}).`,
    );
  return {
    credentialId: authData.slice(CRED_ID_OFFSET, coseStart),
    cose: authData.slice(coseStart, end),
    alg: alg as AttestedCredential['alg'],
  };
}

/** The attestation object is CBOR `{fmt, attStmt, authData}`; only authData matters (no attestation check). */
export function authDataFromAttestationObject(attestationObject: Uint8Array): Uint8Array {
  let obj: CborValue;
  try {
    obj = decodeCbor(attestationObject);
  } catch (e) {
    throw new PasskeyError(
      'webauthn_bad_attestation',
      `The attestation is not valid CBOR: ${(e as Error).message}`,
    );
  }
  const authData = obj instanceof Map ? obj.get('authData') : undefined;
  if (!(authData instanceof Uint8Array))
    throw new PasskeyError(
      'webauthn_bad_attestation',
      'The attestation has no authenticator data.',
    );
  return authData;
}

export function coseToDer(cose: Uint8Array): Uint8Array {
  return wrapDER(cose, DER_COSE_OID);
}
