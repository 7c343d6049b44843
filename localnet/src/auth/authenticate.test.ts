import { AnonymousIdentity, IC_ROOT_KEY } from '@dfinity/agent';
import { ECDSAKeyIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Secp256k1KeyIdentity } from '@dfinity/identity-secp256k1';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { authenticate, requestId } from './index.js';
import { nowNs, signedEnvelope } from '../testing/signed-envelope.js';
import { flip } from './test-support.js';

const rootKey = Buffer.from(IC_ROOT_KEY, 'hex');
const opts = () => ({ now: nowNs(), rootKey });
type Env = Record<string, unknown> & { content: Record<string, unknown> };

const identities = {
  ed25519: () => Promise.resolve(Ed25519KeyIdentity.generate()),
  'ecdsa-p256': () => ECDSAKeyIdentity.generate(),
  secp256k1: () => Promise.resolve(Secp256k1KeyIdentity.generate()),
};

describe('authenticate: basic signature schemes', () => {
  for (const [name, make] of Object.entries(identities)) {
    describe(name, () => {
      it('accepts a request signed as the agent signs it, and returns sender and request id', async () => {
        const id = await make();
        const env = (await signedEnvelope(id)) as Env;
        const r = await authenticate(env, opts());
        expect(r).toMatchObject({ ok: true });
        if (!r.ok) return;
        expect(r.sender.toText()).toBe(id.getPrincipal().toText());
        expect(Buffer.from(r.requestId)).toEqual(Buffer.from(requestId(env.content as never)));
      });
      it('rejects a flipped signature byte', async () => {
        const env = (await signedEnvelope(await make())) as Env;
        env.sender_sig = flip(env.sender_sig as Uint8Array, 5);
        const r = await authenticate(env, opts());
        expect(r).toMatchObject({ ok: false, status: 400 });
        if (!r.ok) expect(r.message).toMatch(/^Invalid signature: Invalid basic signature: /);
      });
      it('rejects a changed content field (signature no longer matches the request id)', async () => {
        const env = (await signedEnvelope(await make())) as Env;
        env.content.method_name = 'other';
        expect((await authenticate(env, opts())).ok).toBe(false);
      });
      it('rejects another key for the same sender', async () => {
        const env = (await signedEnvelope(await make())) as Env;
        const other = (await signedEnvelope(await make())) as Env;
        env.sender_pubkey = other.sender_pubkey;
        const r = await authenticate(env, opts());
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toMatch(/^The user id '.*' does not match the public key '/);
      });
    });
  }

  it('rejects a sender that is not the self-authenticating id of the key', async () => {
    const id = Ed25519KeyIdentity.generate();
    const env = await signedEnvelope(id, { sender: Ed25519KeyIdentity.generate().getPrincipal() });
    const r = await authenticate(env, opts());
    expect(r).toMatchObject({ ok: false, status: 400 });
  });

  it('rejects high-S secp256k1 signatures (malleable), accepts the low-S original', async () => {
    const id = Secp256k1KeyIdentity.generate();
    const env = (await signedEnvelope(id)) as Env;
    expect((await authenticate(env, opts())).ok).toBe(true);
    const sig = env.sender_sig as Uint8Array;
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt('0x' + Buffer.from(sig.subarray(32)).toString('hex'));
    const high = Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex');
    env.sender_sig = new Uint8Array([...sig.subarray(0, 32), ...high]);
    expect((await authenticate(env, opts())).ok).toBe(false);
  });
});

describe('authenticate: anonymous and envelope rules', () => {
  it('accepts an anonymous request without key or signature', async () => {
    const env = await signedEnvelope(new AnonymousIdentity());
    const r = await authenticate(env, opts());
    expect(r.ok && r.sender.isAnonymous()).toBe(true);
  });
  it('rejects an anonymous sender carrying a key and signature', async () => {
    const signed = (await signedEnvelope(Ed25519KeyIdentity.generate())) as Env;
    signed.content.sender = Principal.anonymous().toUint8Array();
    const r = await authenticate(signed, opts());
    expect(r).toEqual({
      ok: false,
      status: 400,
      message: 'Signature is not allowed for the anonymous user.',
    });
  });
  it('rejects a non-anonymous sender without signature', async () => {
    const id = Ed25519KeyIdentity.generate();
    const env = (await signedEnvelope(id)) as Env;
    delete env.sender_pubkey;
    delete env.sender_sig;
    const r = await authenticate(env, opts());
    expect(r).toEqual({
      ok: false,
      status: 400,
      message: `Missing signature from user: ${id.getPrincipal().toText()}`,
    });
  });
  it('rejects an expired or too-far ingress_expiry for calls', async () => {
    const id = Ed25519KeyIdentity.generate();
    const env = await signedEnvelope(id);
    const later = await authenticate(env, { now: nowNs() + 10n * 60n * 1_000_000_000n, rootKey });
    expect(later.ok).toBe(false);
    if (!later.ok)
      expect(later.message).toMatch(
        /^Invalid request expiry: Specified ingress_expiry not within expected range: Minimum allowed expiry: \d{4}-\d\d-\d\d /,
      );
    const earlier = await authenticate(env, { now: nowNs() - 10n * 60n * 1_000_000_000n, rootKey });
    expect(earlier.ok).toBe(false);
  });
  it('does not check the expiry of anonymous queries (as mainnet), but does for anonymous calls', async () => {
    const q = await signedEnvelope(new AnonymousIdentity(), { requestType: 'query' });
    const c = await signedEnvelope(new AnonymousIdentity(), { requestType: 'call' });
    const past = { now: nowNs() + 3_600_000_000_000n, rootKey };
    expect((await authenticate(q, past)).ok).toBe(true);
    expect((await authenticate(c, past)).ok).toBe(false);
  });
  it('rejects a nonce over 32 bytes', async () => {
    const env = await signedEnvelope(Ed25519KeyIdentity.generate(), { nonce: new Uint8Array(33) });
    const r = await authenticate(env, opts());
    expect(r).toMatchObject({
      ok: false,
      message: 'Nonce in request is too big: got 33 bytes, but at most 32 are allowed.',
    });
  });
  it('rejects read_state with too many or too deep paths', async () => {
    const base = {
      request_type: 'read_state',
      sender: new Uint8Array([4]),
      ingress_expiry: nowNs() + 60_000_000_000n,
    };
    const many = await authenticate(
      { content: { ...base, paths: Array.from({ length: 1001 }, () => [new Uint8Array([1])]) } },
      opts(),
    );
    expect(many).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many paths/) });
    const deep = await authenticate(
      { content: { ...base, paths: [Array.from({ length: 128 }, () => new Uint8Array([1]))] } },
      opts(),
    );
    expect(deep).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^At least one path .* got 128 labels/),
    });
  });
  it.each([
    ['null', null],
    ['a number', 7],
    ['no content', {}],
    [
      'sender not a blob',
      {
        content: {
          request_type: 'call',
          sender: 'x',
          ingress_expiry: 1n,
          canister_id: new Uint8Array(),
        },
      },
    ],
    [
      'negative expiry',
      {
        content: {
          request_type: 'query',
          sender: new Uint8Array([4]),
          ingress_expiry: -1,
          canister_id: new Uint8Array(),
        },
      },
    ],
    [
      'float in content',
      {
        content: {
          request_type: 'query',
          sender: new Uint8Array([4]),
          ingress_expiry: 1,
          canister_id: new Uint8Array(),
          x: 1.5,
        },
      },
    ],
    [
      'delegation not an array',
      {
        content: {
          request_type: 'query',
          sender: new Uint8Array([9]),
          ingress_expiry: 1,
          canister_id: new Uint8Array(),
        },
        sender_delegation: 3,
      },
    ],
  ])('turns a malformed envelope (%s) into a 400, not a throw', async (_n, env) => {
    const r = await authenticate(env, opts());
    expect(r).toMatchObject({ ok: false, status: 400 });
  });
  it.each([
    ['truncated DER', (k: Uint8Array) => k.subarray(0, k.length - 1)],
    ['garbage', () => new Uint8Array([1, 2, 3])],
    [
      'unknown algorithm',
      (k: Uint8Array) => {
        const c = new Uint8Array(k);
        c[8] ^= 1;
        return c;
      },
    ],
  ])('rejects a malformed public key (%s) as a typed rejection', async (_n, mangle) => {
    const env = (await signedEnvelope(Ed25519KeyIdentity.generate())) as Env;
    const pk = mangle(env.sender_pubkey as Uint8Array);
    env.sender_pubkey = pk;
    env.content.sender = Principal.selfAuthenticating(pk).toUint8Array();
    const r = await authenticate(env, opts());
    expect(r).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringMatching(/^Invalid signature: Invalid public key: /),
    });
  });
});
