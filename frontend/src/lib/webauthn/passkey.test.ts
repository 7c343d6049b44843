import { IC_ROOT_KEY } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticate, parsePublicKey, signedEnvelope } from '@ii/localnet/testing';
import { toFrontendError } from '../errors.js';
import { createSession } from '../session.js';
import { FakeAuthenticator } from './fake-authenticator.test-support.js';
import { createPasskey, PasskeyError, PasskeyIdentity } from './index.js';

const rootKey = Uint8Array.from(IC_ROOT_KEY.match(/../g)!, (h) => parseInt(h, 16));
const nowNs = () => BigInt(Date.now()) * 1_000_000n;
const DER_COSE_PREFIX = '300c060a2b0601040183b8430101';

afterEach(() => vi.unstubAllGlobals());

/** The localnet verifier: what the IC checks for a WebAuthn signature. */
async function icVerifies(der: Uint8Array, message: Uint8Array, signature: Uint8Array) {
  await parsePublicKey(der, { rootKey }).verify(message, signature);
}

describe('createPasskey', () => {
  for (const kind of ['ec', 'rsa'] as const) {
    it(`returns the credential id and DER-wrapped COSE key (${kind})`, async () => {
      const auth = new FakeAuthenticator({ kind, withExtensions: true }).install();
      const created = await createPasskey({ excludeCredentialIds: [new Uint8Array([1, 2])] });
      const [stored] = auth.credentials;
      expect(created.credentialId).toEqual(stored.id);
      // SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.56387.1.1 }, BIT STRING (0 ‖ COSE) } — extensions cut off.
      const hex = Buffer.from(created.publicKeyDer).toString('hex');
      expect(hex).toContain(DER_COSE_PREFIX);
      expect(hex.endsWith(Buffer.from(stored.cose).toString('hex'))).toBe(true);
      expect(created.keyType).toBe('platform');
      // The key the IC accepts: parsing it succeeds and picks the right scheme.
      expect(parsePublicKey(created.publicKeyDer, { rootKey }).scheme).toBe(
        kind === 'ec' ? 'webauthn-ecdsa-p256' : 'webauthn-rsa',
      );
    });
  }

  it('asks for what the IC supports', async () => {
    const auth = new FakeAuthenticator({ attachment: 'cross-platform' }).install();
    const created = await createPasskey({
      excludeCredentialIds: [new Uint8Array([9, 9])],
      userName: 'Anchor 10000',
    });
    expect(created.keyType).toBe('cross_platform');
    const o = auth.lastCreateOptions!;
    expect(o.rp).toEqual({ name: 'Internet Identity', id: 'identity.ic0.app' });
    expect(o.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -257]);
    expect(o.authenticatorSelection?.userVerification).toBe('preferred');
    expect(o.attestation).toBe('none');
    expect(new Uint8Array(o.user.id as ArrayBuffer)).toHaveLength(16);
    expect(o.user.name).toBe('Anchor 10000');
    expect(new Uint8Array(o.excludeCredentials![0].id as ArrayBuffer)).toEqual(
      new Uint8Array([9, 9]),
    );
  });

  it('surfaces the browser refusing a duplicate or a cancelled prompt', async () => {
    const auth = new FakeAuthenticator().install();
    const first = await createPasskey();
    await expect(createPasskey({ excludeCredentialIds: [first.credentialId] })).rejects.toSatisfy(
      (e) => toFrontendError(e).code === 'passkey_already_registered',
    );
    auth.failWith = 'NotAllowedError';
    await expect(createPasskey()).rejects.toSatisfy(
      (e) => toFrontendError(e).code === 'passkey_cancelled',
    );
  });
});

describe('PasskeyIdentity', () => {
  for (const kind of ['ec', 'rsa'] as const) {
    it(`produces signatures the IC verifies (${kind})`, async () => {
      new FakeAuthenticator({ kind }).install();
      const created = await createPasskey();
      const id = PasskeyIdentity.forCredentials([
        { credentialId: created.credentialId, pubkey: created.publicKeyDer },
      ]);
      const blob = new Uint8Array([
        0x0a,
        ...new TextEncoder().encode('ic-request'),
        ...new Uint8Array(32).fill(7),
      ]);
      const sig = await id.sign(blob);
      // Self-describe tag 55799 = d9 d9 f7.
      expect(Buffer.from(sig.subarray(0, 3)).toString('hex')).toBe('d9d9f7');
      await icVerifies(created.publicKeyDer, blob, sig);
      // The same signature for other bytes is rejected: the challenge binds it.
      await expect(icVerifies(created.publicKeyDer, new Uint8Array([1]), sig)).rejects.toThrow();
    });
  }

  it('learns which of several passkeys answered and sticks to it', async () => {
    const auth = new FakeAuthenticator().install();
    const a = await createPasskey();
    const b = await createPasskey();
    const creds = [a, b].map((c) => ({ credentialId: c.credentialId, pubkey: c.publicKeyDer }));
    const id = PasskeyIdentity.forCredentials(creds);
    expect(() => id.getPublicKey()).toThrow(PasskeyError);
    expect(id.lastUsed).toBeUndefined();
    auth.choose = () => b.credentialId;
    const blob = new Uint8Array([1, 2, 3]);
    const sig = await id.sign(blob);
    expect(auth.lastGetOptions!.allowCredentials).toHaveLength(2);
    expect(id.lastUsed?.credentialId).toEqual(b.credentialId);
    expect(id.getPublicKey().toDer()).toEqual(b.publicKeyDer);
    expect(id.getPrincipal().toText()).toBe(Principal.selfAuthenticating(b.publicKeyDer).toText());
    await icVerifies(b.publicKeyDer, blob, sig);
    auth.choose = undefined;
    await id.sign(blob);
    const offered = auth.lastGetOptions!.allowCredentials!;
    expect(offered).toHaveLength(1);
    expect(new Uint8Array(offered[0].id as ArrayBuffer)).toEqual(b.credentialId);
  });

  it('knows its key up front with one credential; refuses none and foreign passkeys', async () => {
    const auth = new FakeAuthenticator().install();
    const a = await createPasskey();
    const foreign = await createPasskey();
    const id = PasskeyIdentity.forCredentials([
      { credentialId: a.credentialId, pubkey: a.publicKeyDer },
    ]);
    expect(id.getPublicKey().toDer()).toEqual(a.publicKeyDer);
    expect(() => PasskeyIdentity.forCredentials([])).toThrow(PasskeyError);
    auth.choose = () => foreign.credentialId;
    const err = await id.sign(new Uint8Array([1])).catch((e) => e);
    expect(err).toBeInstanceOf(PasskeyError);
    expect(toFrontendError(err).code).toBe('passkey_unknown');
    auth.choose = undefined;
    auth.failWith = 'NotAllowedError';
    expect(toFrontendError(await id.sign(new Uint8Array([1])).catch((e) => e)).code).toBe(
      'passkey_cancelled',
    );
  });

  it('signs one frontend delegation; the session then signs calls the IC accepts as the passkey', async () => {
    const auth = new FakeAuthenticator().install();
    const a = await createPasskey();
    const b = await createPasskey();
    auth.choose = () => a.credentialId;
    const device = PasskeyIdentity.forCredentials(
      [b, a].map((c) => ({ credentialId: c.credentialId, pubkey: c.publicKeyDer })),
    );
    const session = await createSession(device);
    expect(auth.credentials[0].counter).toBe(1); // one touch
    for (let i = 0; i < 2; i++) {
      const result = await authenticate(await signedEnvelope(session), { now: nowNs(), rootKey });
      expect(result).toMatchObject({ ok: true });
      if (result.ok)
        expect(result.sender.toText()).toBe(Principal.selfAuthenticating(a.publicKeyDer).toText());
    }
    expect(auth.credentials[0].counter).toBe(1); // calls need no touch
  });
});
