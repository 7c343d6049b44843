/**
 * An anchor's passkeys as one signing identity (as the official II signs with them). The first `sign` offers all
 * of the anchor's credentials and learns which one the user picked; from then on it is that
 * credential's identity. Signatures are what the IC expects for WebAuthn: the signed bytes are
 * the WebAuthn challenge, and the result is CBOR `{authenticator_data, client_data_json,
 * signature}` with the self-describe tag.
 */
import { Cbor, SignIdentity, type PublicKey, type Signature } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { startAuthentication } from '@simplewebauthn/browser';
import { bytesEqual, fromBase64Url, toBase64Url } from '../bytes.js';
import { PasskeyError } from './errors.js';

export interface PasskeyCredential {
  credentialId: Uint8Array;
  /** DER-wrapped COSE key as stored in the device's `pubkey`. */
  pubkey: Uint8Array;
}

class DerPublicKey implements PublicKey {
  constructor(private readonly der: Uint8Array) {}
  toDer() {
    return this.der as ReturnType<PublicKey['toDer']>;
  }
  get derKey() {
    return this.toDer();
  }
  get rawKey() {
    return this.der;
  }
}

export class PasskeyIdentity extends SignIdentity {
  #lastUsed: PasskeyCredential | undefined;

  private constructor(
    private readonly credentials: readonly PasskeyCredential[],
    private readonly rpId: string | undefined,
  ) {
    super();
    // With one credential there is nothing to learn.
    if (credentials.length === 1) this.#lastUsed = credentials[0];
  }

  /** `credentials` = the anchor's passkeys (e.g. from `get_anchor_credentials`). */
  static forCredentials(
    credentials: PasskeyCredential[],
    opts: { rpId?: string } = {},
  ): PasskeyIdentity {
    if (credentials.length === 0)
      throw new PasskeyError('webauthn_no_credentials', 'This Internet Identity has no passkey.');
    return new PasskeyIdentity(
      credentials.map((c) => ({
        credentialId: new Uint8Array(c.credentialId),
        pubkey: new Uint8Array(c.pubkey),
      })),
      opts.rpId,
    );
  }

  /** The credential that signed last (or the only one). */
  get lastUsed(): PasskeyCredential | undefined {
    return this.#lastUsed;
  }

  getPublicKey(): PublicKey {
    if (!this.#lastUsed)
      throw new PasskeyError(
        'webauthn_public_key_unknown',
        'The passkey is not known before it has signed: call sign() first.',
      );
    return new DerPublicKey(this.#lastUsed.pubkey);
  }

  override getPrincipal(): Principal {
    // Not cached by the base class: it changes once we learn which passkey was used.
    return Principal.selfAuthenticating(this.getPublicKey().toDer());
  }

  async sign(blob: Uint8Array): Promise<Signature> {
    const offered = this.#lastUsed ? [this.#lastUsed] : this.credentials;
    // No other await before the WebAuthn call: Safari requires the user's click to be recent.
    const response = await startAuthentication({
      optionsJSON: {
        challenge: toBase64Url(blob),
        allowCredentials: offered.map((c) => ({
          id: toBase64Url(c.credentialId),
          type: 'public-key',
        })),
        userVerification: 'preferred',
        ...(this.rpId !== undefined ? { rpId: this.rpId } : {}),
        timeout: 120_000,
      },
    });
    const rawId = fromBase64Url(response.rawId);
    const used = offered.find((c) => bytesEqual(c.credentialId, rawId));
    if (!used)
      throw new PasskeyError(
        'webauthn_unknown_credential',
        'The passkey used does not belong to this Internet Identity.',
      );
    this.#lastUsed = used;
    return Cbor.encode({
      authenticator_data: fromBase64Url(response.response.authenticatorData),
      client_data_json: new TextDecoder().decode(fromBase64Url(response.response.clientDataJSON)),
      signature: fromBase64Url(response.response.signature),
    }) as Signature;
  }
}
