/**
 * End to end in Node: prepare_delegation → certified data → a certificate over it (localnet's BLS
 * certifier playing the subnet) → get_delegation → localnet's canister-signature verifier, which
 * checks signatures exactly as the IC does.
 */
import {
  Delegation,
  DelegationChain,
  DelegationIdentity,
  Ed25519KeyIdentity,
} from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  authenticate,
  Certifier,
  clearCertificateCache,
  encodeLeb128,
  lookupPath,
  parsePublicKey,
  signedEnvelope,
  StateTree,
  verifyCertificate,
} from '@ii/localnet/testing';
import { assetsRootHashOf, assetWitnessTree } from '../certification/certified-data.js';
import { fork, labeled, pruned, reconstruct } from '../certification/hash-tree.js';
import { LabeledTree } from '../certification/labeled-tree.js';
import { encodeCanisterSignature } from './canister-signature.js';
import { delegationSignaturePayload } from './delegation-hash.js';
import {
  getDelegation,
  getPrincipal,
  prepareDelegation,
  type DelegationContext,
} from './delegations.js';
import { SignatureMap } from './signature-map.js';
import { decode } from '@dfinity/cbor';
import { asHashTree, nodeSha256 } from '../certification/test-support.js';
import { calculateSeed } from './seed.js';

const CANISTER = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const NOW = BigInt(Date.now()) * 1_000_000n;
const MINUTE = 60_000_000_000n;
const FRONTEND = 'https://app.example';

beforeEach(() => clearCertificateCache());

function assets() {
  const v1 = new LabeledTree();
  v1.insert(['/index.html'], new Uint8Array(32).fill(1));
  const v2 = new LabeledTree();
  v2.insert(['', '<$>'], new Uint8Array());
  return { v1, v2, root: assetsRootHashOf(v1.rootHash(), v2.rootHash()) };
}

/** The "replica": certifies canister/<id>/certified_data as dataCertificate() would return it. */
function replica() {
  const certifier = Certifier.generate();
  const state = new StateTree();
  return {
    rootKey: certifier.rootKeyDer,
    certify(certifiedData: Uint8Array, now: bigint): Uint8Array {
      state.set(['canister', CANISTER.toUint8Array(), 'certified_data'], certifiedData);
      state.set(['time'], encodeLeb128(now));
      return certifier.certify(state, [['canister', CANISTER.toUint8Array(), 'certified_data']]);
    },
  };
}

function setup() {
  const ctx: DelegationContext = {
    salt: new Uint8Array(32).fill(42),
    canisterId: CANISTER.toUint8Array(),
    sigMap: new SignatureMap(),
    assetsRootHash: assets().root,
  };
  return { ctx, ic: replica() };
}

const session = () => new Uint8Array(Ed25519KeyIdentity.generate().getPublicKey().toDer());

function prepare(
  ctx: DelegationContext,
  sessionKey: Uint8Array,
  now = NOW,
  anchorNumber = 10_000n,
) {
  const r = prepareDelegation(ctx, { anchorNumber, frontendHostname: FRONTEND, sessionKey, now });
  if (!r.ok) throw r.error;
  return r.value;
}

function get(
  ctx: DelegationContext,
  sessionKey: Uint8Array,
  expiration: bigint,
  certificate: Uint8Array,
) {
  const r = getDelegation(ctx, {
    anchorNumber: 10_000n,
    frontendHostname: FRONTEND,
    sessionKey,
    expiration,
    certificate,
  });
  if (!r.ok) throw r.error;
  return r.value;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle));
}

function seedOf(ctx: DelegationContext): Uint8Array {
  const r = calculateSeed(ctx.salt, 10_000n, FRONTEND);
  if (!r.ok) throw r.error;
  return r.value;
}

function signatureOf(resp: ReturnType<typeof get>): Uint8Array {
  if (!('signed_delegation' in resp)) throw new Error('no_such_delegation');
  return resp.signed_delegation.signature;
}

describe('prepare_delegation / get_delegation end to end', () => {
  it('issues a delegation the IC canister-signature verifier ACCEPTS', async () => {
    const { ctx, ic } = setup();
    const key = session();
    const prepared = prepare(ctx, key);
    expect(prepared.expiration).toBe(NOW + 30n * MINUTE);
    const certificate = ic.certify(prepared.certifiedData, NOW);
    const resp = get(ctx, key, prepared.expiration, certificate);
    expect(resp).toMatchObject({
      signed_delegation: {
        delegation: { pubkey: key, expiration: prepared.expiration, targets: [] },
      },
    });
    const payload = delegationSignaturePayload({ pubkey: key, expiration: prepared.expiration });
    await expect(
      parsePublicKey(prepared.userKey, { rootKey: ic.rootKey }).verify(payload, signatureOf(resp)),
    ).resolves.toBeUndefined();
    const principal = getPrincipal(ctx, 10_000n, FRONTEND);
    expect(principal.ok && Principal.fromUint8Array(principal.value).toText()).toBe(
      Principal.selfAuthenticating(prepared.userKey).toText(),
    );
  });

  it('REJECTS it with any changed byte, for another payload, or under another root key', async () => {
    const { ctx, ic } = setup();
    const key = session();
    const prepared = prepare(ctx, key);
    const sig = signatureOf(
      get(ctx, key, prepared.expiration, ic.certify(prepared.certifiedData, NOW)),
    );
    const verifier = parsePublicKey(prepared.userKey, { rootKey: ic.rootKey });
    const payload = delegationSignaturePayload({ pubkey: key, expiration: prepared.expiration });
    // Flip one byte inside each part that carries meaning: the BLS signature, the certified_data
    // value in the certificate, the pruned assets root, the seed and message labels of the witness.
    const decoded = decode(sig) as { certificate: Uint8Array };
    const blsSig = (decode(decoded.certificate) as { signature: Uint8Array }).signature;
    const parts = [
      blsSig,
      prepared.certifiedData,
      ctx.assetsRootHash,
      nodeSha256(seedOf(ctx)),
      nodeSha256(payload),
    ];
    for (const part of parts) {
      const at = indexOf(sig, part) + 5;
      expect(at).toBeGreaterThan(5);
      const bad = new Uint8Array(sig);
      bad[at] ^= 1;
      await expect(verifier.verify(payload, bad)).rejects.toThrow();
    }
    const later = delegationSignaturePayload({ pubkey: key, expiration: prepared.expiration + 1n });
    await expect(verifier.verify(later, sig)).rejects.toThrow(/does not contain/);
    const otherUser = prepare(ctx, key, NOW, 10_001n).userKey;
    await expect(
      parsePublicKey(otherUser, { rootKey: ic.rootKey }).verify(payload, sig),
    ).rejects.toThrow();
    await expect(
      parsePublicKey(prepared.userKey, { rootKey: replica().rootKey }).verify(payload, sig),
    ).rejects.toThrow(/signature does not verify/);
  });

  it('answers no_such_delegation for a wrong expiration or session key, or once pruned after 1 minute', async () => {
    const { ctx, ic } = setup();
    const key = session();
    const prepared = prepare(ctx, key);
    const cert = ic.certify(prepared.certifiedData, NOW);
    expect(get(ctx, key, prepared.expiration + 1n, cert)).toEqual({ no_such_delegation: null });
    expect(get(ctx, session(), prepared.expiration, cert)).toEqual({ no_such_delegation: null });
    const oldSig = signatureOf(get(ctx, key, prepared.expiration, cert));

    // 61 s later another login prunes the first signature and changes the certified data.
    const next = prepare(ctx, session(), NOW + 61n * 1_000_000_000n);
    expect(ctx.sigMap.count()).toBe(1);
    const newCert = ic.certify(next.certifiedData, NOW + 61n * 1_000_000_000n);
    expect(get(ctx, key, prepared.expiration, newCert)).toEqual({ no_such_delegation: null });

    // The old witness paired with the current certificate no longer matches certified_data.
    const oldTree = asHashTree((decode(oldSig) as { tree: unknown }).tree);
    const replayed = encodeCanisterSignature(newCert, oldTree);
    const payload = delegationSignaturePayload({ pubkey: key, expiration: prepared.expiration });
    await expect(
      parsePublicKey(prepared.userKey, { rootKey: ic.rootKey }).verify(payload, replayed),
    ).rejects.toThrow(/certified_data/);
  });

  it('asset certificates verify against the same certified data as signatures', () => {
    const { ctx, ic } = setup();
    const prepared = prepare(ctx, session());
    const cert = ic.certify(prepared.certifiedData, NOW);
    const certified = lookupPath(
      ['canister', CANISTER.toUint8Array(), 'certified_data'],
      verifyCertificate(cert, ic.rootKey, CANISTER.toUint8Array()),
    );
    const { v1, v2 } = assets();
    const assetWitness = fork(
      labeled('http_assets', v1.witness(['/index.html'])!),
      pruned(reconstruct(labeled('http_expr', v2.toHashTree()))),
    );
    const tree = assetWitnessTree(assetWitness, ctx.sigMap.rootHash());
    expect(certified).toEqual({ status: 'found', value: reconstruct(tree) });
    expect(lookupPath(['http_assets', '/index.html'], tree)).toMatchObject({ status: 'found' });
  });

  it('the agent-js flow: a DelegationIdentity built from get_delegation authenticates as the user principal', async () => {
    const { ctx, ic } = setup();
    const sessionIdentity = Ed25519KeyIdentity.generate();
    const key = new Uint8Array(sessionIdentity.getPublicKey().toDer());
    const prepared = prepare(ctx, key);
    const resp = get(ctx, key, prepared.expiration, ic.certify(prepared.certifiedData, NOW));
    const chain = DelegationChain.fromDelegations(
      [
        {
          delegation: new Delegation(key, prepared.expiration),
          signature: signatureOf(resp) as never,
        },
      ],
      prepared.userKey as never,
    );
    const env = await signedEnvelope(DelegationIdentity.fromDelegation(sessionIdentity, chain));
    const ok = await authenticate(env, { now: NOW, rootKey: ic.rootKey });
    expect(ok.ok && ok.sender.toText()).toBe(
      Principal.selfAuthenticating(prepared.userKey).toText(),
    );
    // Past the delegation's expiration the IC refuses it.
    const expired = await authenticate(env, { now: prepared.expiration + 1n, rootKey: ic.rootKey });
    expect(expired.ok).toBe(false);
  });

  it('fails with typed errors: too-long hostname, no certificate (not a query)', () => {
    const { ctx } = setup();
    const long = prepareDelegation(ctx, {
      anchorNumber: 1n,
      frontendHostname: 'x'.repeat(256),
      sessionKey: session(),
      now: NOW,
    });
    expect(long).toMatchObject({
      ok: false,
      error: { code: 'II_ERR_DELEGATION_HOSTNAME_TOO_LONG' },
    });
    expect(ctx.sigMap.count()).toBe(0);
    const noCert = getDelegation(ctx, {
      anchorNumber: 1n,
      frontendHostname: FRONTEND,
      sessionKey: session(),
      expiration: NOW,
      certificate: undefined,
    });
    expect(noCert).toMatchObject({
      ok: false,
      error: { code: 'II_ERR_DELEGATION_NO_CERTIFICATE' },
    });
  });

  it('honours maxTimeToLive, capped at 30 days', () => {
    const { ctx } = setup();
    const r = prepareDelegation(ctx, {
      anchorNumber: 1n,
      frontendHostname: FRONTEND,
      sessionKey: session(),
      now: NOW,
      maxTimeToLive: 365n * 24n * 60n * MINUTE,
    });
    expect(r.ok && r.value.expiration).toBe(NOW + 30n * 24n * 60n * MINUTE);
  });
});
