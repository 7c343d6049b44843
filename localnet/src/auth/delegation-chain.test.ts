import { IC_ROOT_KEY, type SignIdentity } from '@dfinity/agent';
import {
  DelegationChain,
  DelegationIdentity,
  Ed25519KeyIdentity,
  ECDSAKeyIdentity,
} from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { authenticate } from './index.js';
import { CANISTER, nowNs, signedEnvelope } from '../testing/signed-envelope.js';
import { flip } from './test-support.js';

const rootKey = Buffer.from(IC_ROOT_KEY, 'hex');
const opts = () => ({ now: nowNs(), rootKey });
const OTHER = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');

/** root → k1 → … → session, each link made by DelegationChain.create as II and auth-client do. */
async function chainOf(length: number, targets?: Principal[], expiration?: Date) {
  const root = Ed25519KeyIdentity.generate();
  let signer: SignIdentity = root;
  let chain: DelegationChain | undefined;
  let last: SignIdentity = root;
  for (let i = 0; i < length; i++) {
    last = Ed25519KeyIdentity.generate();
    chain = await DelegationChain.create(
      signer,
      last.getPublicKey(),
      expiration ?? new Date(Date.now() + 3_600_000),
      {
        previous: chain,
        targets,
      },
    );
    signer = last;
  }
  return { root, identity: DelegationIdentity.fromDelegation(last, chain!) };
}

describe('delegation chains', () => {
  it('accepts a chain (ECDSA root → Ed25519 session) with the root key as sender', async () => {
    const root = await ECDSAKeyIdentity.generate();
    const session = Ed25519KeyIdentity.generate();
    const chain = await DelegationChain.create(
      root,
      session.getPublicKey(),
      new Date(Date.now() + 60_000),
    );
    const id = DelegationIdentity.fromDelegation(session, chain);
    const r = await authenticate(await signedEnvelope(id), opts());
    expect(r.ok && r.sender.toText()).toBe(root.getPrincipal().toText());
  });
  it('accepts 20 links and rejects 21 with the replica message', async () => {
    expect(
      (await authenticate(await signedEnvelope((await chainOf(20)).identity), opts())).ok,
    ).toBe(true);
    const r = await authenticate(await signedEnvelope((await chainOf(21)).identity), opts());
    expect(r).toMatchObject({
      ok: false,
      message:
        'Invalid delegation: Chain of delegations is too long: got 21 delegations, but at most 20 are allowed.',
    });
  });
  it('rejects an expired delegation', async () => {
    const { identity } = await chainOf(1, undefined, new Date(Date.now() + 60_000));
    const r = await authenticate(await signedEnvelope(identity), {
      now: nowNs() + 61_000_000_000n,
      rootKey,
    });
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Invalid delegation expiry: Specified sender delegation has expired:\nProvided expiry: /,
      ),
    });
  });
  it('accepts a call to a target and rejects one to another canister', async () => {
    const { identity } = await chainOf(2, [CANISTER]);
    expect((await authenticate(await signedEnvelope(identity), opts())).ok).toBe(true);
    const r = await authenticate(await signedEnvelope(identity, { canisterId: OTHER }), opts());
    expect(r).toMatchObject({
      ok: false,
      message: `Canister '${OTHER.toText()}' is not one of the delegation targets.`,
    });
  });
  it('intersects targets across the chain and checks read_state against the effective canister id', async () => {
    const root = Ed25519KeyIdentity.generate();
    const mid = Ed25519KeyIdentity.generate();
    const session = Ed25519KeyIdentity.generate();
    const exp = new Date(Date.now() + 60_000);
    const c1 = await DelegationChain.create(root, mid.getPublicKey(), exp, {
      targets: [CANISTER, OTHER],
    });
    const c2 = await DelegationChain.create(mid, session.getPublicKey(), exp, {
      previous: c1,
      targets: [OTHER],
    });
    const id = DelegationIdentity.fromDelegation(session, c2);
    expect(
      (await authenticate(await signedEnvelope(id, { canisterId: CANISTER }), opts())).ok,
    ).toBe(false);
    const ok = await authenticate(await signedEnvelope(id, { canisterId: OTHER }), opts());
    expect(ok.ok && ok.targets?.map((t) => Principal.fromUint8Array(t).toText())).toEqual([
      OTHER.toText(),
    ]);
  });
  it('rejects a delegation signed by a key that is not the previous one', async () => {
    const env = (await signedEnvelope((await chainOf(2)).identity)) as {
      sender_delegation: { signature: Uint8Array }[];
    };
    env.sender_delegation[1].signature = flip(env.sender_delegation[1].signature, 3);
    const r = await authenticate(env, opts());
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid delegation: Invalid basic signature/),
    });
  });
  it('rejects a chain with a cycle', async () => {
    const { root, identity } = await chainOf(1);
    const env = (await signedEnvelope(identity)) as {
      sender_delegation: { delegation: { pubkey: Uint8Array } }[];
    };
    env.sender_delegation[0].delegation.pubkey = new Uint8Array(root.getPublicKey().toDer());
    const r = await authenticate(env, opts());
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(/contains at least one cycle/),
    });
  });
  it('rejects more than 1000 targets in one delegation', async () => {
    const many = Array.from({ length: 1001 }, (_, i) =>
      Principal.fromUint8Array(new Uint8Array([0, 0, 0, 0, 0, i >> 8, i & 255, 1, 1, 1])),
    );
    const { identity } = await chainOf(1, many);
    const r = await authenticate(await signedEnvelope(identity, { canisterId: many[0] }), opts());
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expected at most 1000 targets per delegation, but got 1001/),
    });
  });
  it('rejects a malformed delegation entry as 400', async () => {
    const env = (await signedEnvelope((await chainOf(1)).identity)) as {
      sender_delegation: unknown[];
    };
    env.sender_delegation[0] = { delegation: { pubkey: 'x' }, signature: new Uint8Array() };
    expect(await authenticate(env, opts())).toMatchObject({ ok: false, status: 400 });
  });
});
