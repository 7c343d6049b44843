/**
 * WebAuthn signatures (IC spec "Web Authentication"): the key is a DER-wrapped COSE key
 * (OID 1.3.6.1.4.1.56387.1.1); the signature is CBOR {authenticator_data, client_data_json, signature};
 * the signed payload must be the clientDataJSON challenge, and the authenticator signs
 * authenticator_data ‖ SHA-256(client_data_json).
 */
import { constants, createHash, verify } from 'node:crypto';
import { decode } from '@dfinity/cbor';
import { concatBytes, toHex } from '../bytes.js';
import { COSE_ALG_ES256, parseCoseKey } from './cose.js';
import { SignatureError } from './errors.js';
import type { Spki } from './spki.js';
import type { Verifier } from './verifier.js';

export const DER_COSE_OID = '1.3.6.1.4.1.56387.1.1';

interface WebAuthnSignature {
  authenticatorData: Uint8Array;
  clientDataJson: string;
  signature: Uint8Array;
}

export function decodeWebAuthnSignature(bytes: Uint8Array): WebAuthnSignature {
  let v: unknown;
  try {
    v = decode(bytes);
  } catch (e) {
    throw new SignatureError(`WebAuthn signature is not valid CBOR: ${(e as Error).message}`);
  }
  const m = v as Record<string, unknown> | null;
  if (
    !m ||
    typeof m !== 'object' ||
    !(m.authenticator_data instanceof Uint8Array) ||
    typeof m.client_data_json !== 'string' ||
    !(m.signature instanceof Uint8Array)
  ) {
    throw new SignatureError(
      'WebAuthn signature must be a map {authenticator_data: blob, client_data_json: text, signature: blob}',
    );
  }
  return {
    authenticatorData: m.authenticator_data,
    clientDataJson: m.client_data_json,
    signature: m.signature,
  };
}

function challengeOf(clientDataJson: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(clientDataJson);
  } catch {
    throw new SignatureError('WebAuthn envelope creation failed: client_data_json is not JSON');
  }
  const challenge = (parsed as { challenge?: unknown } | null)?.challenge;
  if (typeof challenge !== 'string')
    throw new SignatureError('WebAuthn envelope creation failed: no challenge in client_data_json');
  return challenge;
}

export function webAuthnVerifier(spki: Spki): Verifier {
  if (spki.parameters !== undefined)
    throw new SignatureError('DER-wrapped COSE key must not have parameters');
  const cose = parseCoseKey(spki.key);
  const es256 = cose.alg === COSE_ALG_ES256;
  return {
    scheme: es256 ? 'webauthn-ecdsa-p256' : 'webauthn-rsa',
    async verify(message, signature) {
      const sig = decodeWebAuthnSignature(signature);
      const challenge = challengeOf(sig.clientDataJson);
      const signed = concatBytes(
        sig.authenticatorData,
        createHash('sha256').update(sig.clientDataJson, 'utf8').digest(),
      );
      let ok: boolean;
      try {
        ok = es256
          ? verify('sha256', signed, { key: cose.key, dsaEncoding: 'der' }, sig.signature)
          : verify(
              'sha256',
              signed,
              { key: cose.key, padding: constants.RSA_PKCS1_PADDING },
              sig.signature,
            );
      } catch {
        ok = false;
      }
      if (!ok)
        throw new SignatureError(`Verifying signature failed. signature: ${toHex(sig.signature)}`);
      // The exact signed bytes, base64url without padding, as browsers put them in clientDataJSON.
      const expected = Buffer.from(message).toString('base64url');
      if (challenge !== expected) {
        throw new SignatureError(
          `Challenge in webauthn is ${challenge} while it is expected to be ${expected}`,
        );
      }
    },
  };
}
