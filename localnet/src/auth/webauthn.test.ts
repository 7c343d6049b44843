import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  Cbor,
  DER_COSE_OID,
  IC_ROOT_KEY,
  SignIdentity,
  wrapDER,
  type PublicKey,
  type Signature,
} from '@dfinity/agent';
import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { describe, expect, it } from 'vitest';
import { authenticate } from './index.js';
import { nowNs, signedEnvelope } from '../testing/signed-envelope.js';

const rootKey = Buffer.from(IC_ROOT_KEY, 'hex');
const opts = () => ({ now: nowNs(), rootKey });
const cat = (...p: Uint8Array[]) => new Uint8Array(Buffer.concat(p));
const bstr = (b: Uint8Array) =>
  cat(
    b.length < 24
      ? new Uint8Array([0x40 + b.length])
      : b.length < 256
        ? new Uint8Array([0x58, b.length])
        : new Uint8Array([0x59, b.length >> 8, b.length & 255]),
    b,
  );

/** COSE keys by hand: @dfinity/cbor cannot write integer map keys. */
function coseOf(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  const b = (s?: string) => new Uint8Array(Buffer.from(s!, 'base64url'));
  if (jwk.kty === 'EC')
    return cat(
      new Uint8Array([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21]),
      bstr(b(jwk.x)),
      new Uint8Array([0x22]),
      bstr(b(jwk.y)),
    );
  return cat(
    new Uint8Array([0xa4, 0x01, 0x03, 0x03, 0x39, 0x01, 0x00, 0x20]),
    bstr(b(jwk.n)),
    new Uint8Array([0x21]),
    bstr(b(jwk.e)),
  );
}

interface Tamper {
  challenge?: (c: string) => string;
  signature?: (s: Uint8Array) => Uint8Array;
}

/** A software authenticator: signs authenticatorData ‖ SHA-256(clientDataJSON) with the payload as challenge. */
class FakeAuthenticator extends SignIdentity {
  readonly der: Uint8Array;
  constructor(
    private readonly kind: 'ec' | 'rsa',
    public tamper: Tamper = {},
  ) {
    super();
    const pair =
      kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.priv = pair.privateKey;
    this.der = wrapDER(coseOf(pair.publicKey), DER_COSE_OID);
  }
  private readonly priv: KeyObject;
  getPublicKey(): PublicKey {
    return { toDer: () => this.der, rawKey: this.der, derKey: this.der } as unknown as PublicKey;
  }
  async sign(blob: Uint8Array): Promise<Signature> {
    const rpIdHash = createHash('sha256').update('identity.ic0.app').digest();
    const authenticatorData = cat(rpIdHash, new Uint8Array([0x05, 0, 0, 0, 1]));
    let challenge = Buffer.from(blob).toString('base64url');
    if (this.tamper.challenge) challenge = this.tamper.challenge(challenge);
    const clientDataJson = JSON.stringify({
      type: 'webauthn.get',
      challenge,
      origin: 'https://identity.ic0.app',
    });
    let signature: Uint8Array = sign(
      'sha256',
      cat(authenticatorData, createHash('sha256').update(clientDataJson).digest()),
      this.priv,
    );
    if (this.tamper.signature) signature = this.tamper.signature(signature);
    return Cbor.encode({
      authenticator_data: authenticatorData,
      client_data_json: clientDataJson,
      signature,
    }) as Signature;
  }
}

describe.each(['ec', 'rsa'] as const)('WebAuthn (%s)', (kind) => {
  const device = new FakeAuthenticator(kind);
  it('accepts a request signed directly by the passkey', async () => {
    device.tamper = {};
    const r = await authenticate(await signedEnvelope(device), opts());
    expect(r.ok && r.sender.toText()).toBe(device.getPrincipal().toText());
  });
  it('accepts a passkey → session-key delegation, as the II frontend makes', async () => {
    device.tamper = {};
    const session = Ed25519KeyIdentity.generate();
    const chain = await DelegationChain.create(
      device,
      session.getPublicKey(),
      new Date(Date.now() + 60_000),
    );
    const r = await authenticate(
      await signedEnvelope(DelegationIdentity.fromDelegation(session, chain)),
      opts(),
    );
    expect(r.ok && r.sender.toText()).toBe(device.getPrincipal().toText());
  });
  it('rejects a challenge that is not the signed payload', async () => {
    device.tamper = {
      challenge: (c) => Buffer.from(Buffer.from(c, 'base64url').subarray(1)).toString('base64url'),
    };
    const r = await authenticate(await signedEnvelope(device), opts());
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Invalid signature: WebAuthn error: Challenge in webauthn is /,
      ),
    });
  });
  it('rejects a padded base64 challenge (only the exact base64url form is accepted)', async () => {
    device.tamper = { challenge: (c) => c + '=' };
    expect((await authenticate(await signedEnvelope(device), opts())).ok).toBe(false);
  });
  it('rejects a flipped signature byte', async () => {
    device.tamper = {
      signature: (s) => {
        const c = new Uint8Array(s);
        c[c.length - 2] ^= 1;
        return c;
      },
    };
    const r = await authenticate(await signedEnvelope(device), opts());
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Invalid signature: WebAuthn error: Verifying signature failed/,
      ),
    });
  });
  it('rejects a signature blob that is not the WebAuthn CBOR map', async () => {
    device.tamper = {};
    const env = (await signedEnvelope(device)) as Record<string, unknown>;
    env.sender_sig = Cbor.encode({ authenticator_data: new Uint8Array(1) });
    expect(await authenticate(env, opts())).toMatchObject({ ok: false, status: 400 });
    env.sender_sig = new Uint8Array([0xff, 0x00]);
    expect(await authenticate(env, opts())).toMatchObject({ ok: false, status: 400 });
  });
});

describe('DER-wrapped COSE keys', () => {
  it('rejects a COSE key with an unsupported algorithm (Ed25519, -8)', async () => {
    const device = new FakeAuthenticator('ec');
    const env = (await signedEnvelope(device)) as {
      sender_pubkey: Uint8Array;
      content: { sender: Uint8Array };
    };
    const cose = new Uint8Array([0xa4, 0x01, 0x01, 0x03, 0x27, 0x20, 0x06, 0x21, 0x40]);
    env.sender_pubkey = wrapDER(cose, DER_COSE_OID);
    const { Principal } = await import('@dfinity/principal');
    env.content.sender = Principal.selfAuthenticating(env.sender_pubkey).toUint8Array();
    expect(await authenticate(env, opts())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Invalid public key: COSE key: unsupported/),
    });
  });
});
