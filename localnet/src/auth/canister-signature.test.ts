import { createHash } from 'node:crypto';
import { Cbor, IC_ROOT_KEY, IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR } from '@dfinity/agent';
import {
  Delegation,
  DelegationChain,
  DelegationIdentity,
  Ed25519KeyIdentity,
} from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { bls12_381 } from '@noble/curves/bls12-381';
import { beforeEach, describe, expect, it } from 'vitest';
import { authenticate, clearCertificateCache, delegationHash, parsePublicKey } from './index.js';
import { mainnetDelegationVector } from '../testing/test-vectors.js';
import { nowNs, signedEnvelope } from '../testing/signed-envelope.js';
import type { HashTree } from './hash-tree-lookup.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const utf8 = (s: string) => new TextEncoder().encode(s);
const cat = (...p: Uint8Array[]) => new Uint8Array(Buffer.concat(p));
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const IC_ROOT = hex(IC_ROOT_KEY);

beforeEach(() => clearCertificateCache());

describe('canister signature: the real mainnet II delegation', () => {
  const vector = mainnetDelegationVector();
  const link = vector.chain.delegations[0];
  const userKey = hex(vector.chain.publicKey);
  const payload = (expiration: bigint) =>
    cat(
      IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
      delegationHash({ pubkey: hex(link.delegation.pubkey), expiration }),
    );
  const expiration = BigInt('0x' + link.delegation.expiration);

  it('verifies against IC_ROOT_KEY through its subnet delegation', async () => {
    expect(Principal.selfAuthenticating(userKey).toText()).toBe(vector.user_principal);
    await expect(
      parsePublicKey(userKey, { rootKey: IC_ROOT }).verify(
        payload(expiration),
        hex(link.signature),
      ),
    ).resolves.toBeUndefined();
  });
  it('fails with one byte of the signature changed, anywhere that matters', async () => {
    const sig = hex(link.signature);
    const verifier = parsePublicKey(userKey, { rootKey: IC_ROOT });
    // A byte of the certificate's BLS signature, of the delegation certificate, and of the sig tree's last hash.
    for (const at of [sig.length - 200, 700, sig.length - 3]) {
      const bad = new Uint8Array(sig);
      bad[at] ^= 0x01;
      await expect(verifier.verify(payload(expiration), bad)).rejects.toThrow();
    }
  });
  it('fails for another message, another seed, or another root key', async () => {
    const verifier = parsePublicKey(userKey, { rootKey: IC_ROOT });
    await expect(verifier.verify(payload(expiration + 1n), hex(link.signature))).rejects.toThrow(
      /does not contain \["sig"/,
    );
    const otherSeed = new Uint8Array(userKey);
    otherSeed[otherSeed.length - 1] ^= 1;
    await expect(
      parsePublicKey(otherSeed, { rootKey: IC_ROOT }).verify(
        payload(expiration),
        hex(link.signature),
      ),
    ).rejects.toThrow();
    const otherRoot = cat(
      IC_ROOT.subarray(0, 37),
      bls12_381.getPublicKeyForShortSignatures(bls12_381.utils.randomPrivateKey()),
    );
    await expect(
      parsePublicKey(userKey, { rootKey: otherRoot }).verify(
        payload(expiration),
        hex(link.signature),
      ),
    ).rejects.toThrow(/signature does not verify/);
  });
});

// ---- locally made certificates -------------------------------------------------------------
const leaf = (v: Uint8Array): HashTree => [3, v];
const labeled = (l: string | Uint8Array, t: HashTree): HashTree => [
  2,
  typeof l === 'string' ? utf8(l) : l,
  t,
];
const fork = (a: HashTree, b: HashTree): HashTree => [1, a, b];
function root(t: HashTree): Uint8Array {
  const d = (s: string) => cat(new Uint8Array([s.length]), utf8(s));
  switch (t[0]) {
    case 0:
      return sha256(d('ic-hashtree-empty'));
    case 1:
      return sha256(cat(d('ic-hashtree-fork'), root(t[1]), root(t[2])));
    case 2:
      return sha256(cat(d('ic-hashtree-labeled'), t[1], root(t[2])));
    case 3:
      return sha256(cat(d('ic-hashtree-leaf'), t[1]));
    case 4:
      return t[1];
  }
}
const BLS_PREFIX = hex(
  '308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100',
);
function blsKey() {
  const sk = bls12_381.utils.randomPrivateKey();
  return { sk, der: cat(BLS_PREFIX, bls12_381.getPublicKeyForShortSignatures(sk)) };
}
function certificate(tree: HashTree, sk: Uint8Array, delegation?: unknown): Uint8Array {
  const msg = cat(new Uint8Array([13]), utf8('ic-state-root'), root(tree));
  const signature = bls12_381.signShortSignature(msg, sk) as unknown as Uint8Array;
  return Cbor.encode(delegation ? { tree, signature, delegation } : { tree, signature });
}
const CANISTER = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai').toUint8Array();
function canisterKey(canisterId: Uint8Array, seed: Uint8Array): Uint8Array {
  const bits = cat(new Uint8Array([canisterId.length]), canisterId, seed);
  return cat(
    new Uint8Array([
      0x30,
      17 + bits.length,
      0x30,
      0x0c,
      0x06,
      0x0a,
      0x2b,
      0x06,
      0x01,
      0x04,
      0x01,
      0x83,
      0xb8,
      0x43,
      0x01,
      0x02,
      0x03,
      1 + bits.length,
      0x00,
    ]),
    bits,
  );
}
/** A canister signature over `message` by (canister, seed); the tree may certify other messages instead. */
function canisterSign(o: {
  seed: Uint8Array;
  messages: Uint8Array[];
  sk: Uint8Array;
  canisterId?: Uint8Array;
  delegation?: unknown;
}) {
  const sorted = o.messages.map(sha256).sort(Buffer.compare);
  let inner: HashTree = labeled(sorted[0], leaf(new Uint8Array()));
  for (const m of sorted.slice(1)) inner = fork(inner, labeled(m, leaf(new Uint8Array())));
  const sigTree = labeled('sig', labeled(sha256(o.seed), inner));
  const certTree = fork(
    labeled(
      'canister',
      labeled(o.canisterId ?? CANISTER, labeled('certified_data', leaf(root(sigTree)))),
    ),
    labeled('time', leaf(new Uint8Array([1]))),
  );
  return Cbor.encode({ certificate: certificate(certTree, o.sk, o.delegation), tree: sigTree });
}

describe('canister signature: locally made certificates', () => {
  const rootKey = blsKey();
  const seed = utf8('anchor-10000');
  const msg = utf8('\x1Aic-request-auth-delegationpayload');
  const verify = (sig: Uint8Array, m = msg, key = canisterKey(CANISTER, seed), rk = rootKey.der) =>
    parsePublicKey(key, { rootKey: rk }).verify(m, sig);

  it('accepts a signature certified directly by the root key', async () => {
    await expect(
      verify(canisterSign({ seed, messages: [utf8('other'), msg], sk: rootKey.sk })),
    ).resolves.toBeUndefined();
  });
  it('rejects a wrong seed, a message not in the tree, and a certificate signed by another key', async () => {
    const sig = canisterSign({ seed, messages: [msg], sk: rootKey.sk });
    await expect(verify(sig, msg, canisterKey(CANISTER, utf8('anchor-10001')))).rejects.toThrow(
      /does not contain/,
    );
    await expect(verify(sig, utf8('not signed'))).rejects.toThrow(/does not contain/);
    await expect(verify(canisterSign({ seed, messages: [msg], sk: blsKey().sk }))).rejects.toThrow(
      /signature does not verify/,
    );
  });
  it('rejects a certificate that certifies another canister', async () => {
    const other = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai').toUint8Array();
    await expect(
      verify(canisterSign({ seed, messages: [msg], sk: rootKey.sk, canisterId: other })),
    ).rejects.toThrow(/certified_data/);
  });
  it('checks the canister range of a subnet delegation', async () => {
    const subnet = blsKey();
    const subnetId = new Uint8Array(29).fill(7);
    const delegationCert = (lo: Uint8Array, hi: Uint8Array) =>
      certificate(
        labeled(
          'subnet',
          labeled(
            subnetId,
            fork(
              labeled('canister_ranges', leaf(Cbor.encode([[lo, hi]]))),
              labeled('public_key', leaf(subnet.der)),
            ),
          ),
        ),
        rootKey.sk,
      );
    const inRange = { subnet_id: subnetId, certificate: delegationCert(CANISTER, CANISTER) };
    await expect(
      verify(canisterSign({ seed, messages: [msg], sk: subnet.sk, delegation: inRange })),
    ).resolves.toBeUndefined();
    const lo = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai').toUint8Array();
    const outOfRange = { subnet_id: subnetId, certificate: delegationCert(lo, lo) };
    await expect(
      verify(canisterSign({ seed, messages: [msg], sk: subnet.sk, delegation: outOfRange })),
    ).rejects.toThrow(/canister ranges/);
  });
  it('rejects a tree that is not well-formed (labels out of order)', async () => {
    const bad = labeled(
      'sig',
      labeled(
        sha256(seed),
        fork(
          labeled(sha256(msg), leaf(new Uint8Array())),
          labeled(new Uint8Array(32), leaf(new Uint8Array())),
        ),
      ),
    );
    const certTree = labeled(
      'canister',
      labeled(CANISTER, labeled('certified_data', leaf(root(bad)))),
    );
    const sig = Cbor.encode({ certificate: certificate(certTree, rootKey.sk), tree: bad });
    await expect(verify(sig)).rejects.toThrow(/well-formed/);
  });
  it('rejects malformed signatures and keys with a SignatureError, never anything else', async () => {
    for (const sig of [
      new Uint8Array([1, 2]),
      Cbor.encode({ certificate: new Uint8Array([0xff]), tree: [0] }),
      Cbor.encode({ tree: [9] }),
    ]) {
      await expect(verify(sig)).rejects.toMatchObject({ name: 'SignatureError' });
    }
    expect(() =>
      parsePublicKey(canisterKey(new Uint8Array(40), seed), { rootKey: rootKey.der }),
    ).toThrow();
  });

  it('authenticates a request end to end as II issues it: canister-signed delegation to a session key', async () => {
    const userKey = canisterKey(CANISTER, seed);
    const session = Ed25519KeyIdentity.generate();
    const expiration = nowNs() + 600_000_000_000n;
    const d = new Delegation(new Uint8Array(session.getPublicKey().toDer()), expiration);
    const payload = cat(
      IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
      delegationHash({ pubkey: d.pubkey, expiration }),
    );
    const signature = canisterSign({ seed, messages: [payload], sk: rootKey.sk });
    const chain = DelegationChain.fromDelegations(
      [{ delegation: d, signature: signature as never }],
      userKey as never,
    );
    const env = await signedEnvelope(DelegationIdentity.fromDelegation(session, chain));
    const r = await authenticate(env, { now: nowNs(), rootKey: rootKey.der });
    expect(r.ok && r.sender.toText()).toBe(Principal.selfAuthenticating(userKey).toText());
    const wrongRoot = await authenticate(env, { now: nowNs(), rootKey: blsKey().der });
    expect(wrongRoot).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid delegation: Invalid canister signature: /),
    });
  });
});
