// Every signature scheme the IC accepts, through @dfinity/agent against real canisters: each one
// accepted for an update call and a query, and refused once a signature byte is changed.
import {
  Actor,
  AnonymousIdentity,
  Cbor,
  DER_COSE_OID,
  type DerEncodedPublicKey,
  type HttpAgent,
  IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
  type Identity,
  type PublicKey,
  type Signature,
  SignIdentity,
  requestIdOf,
  wrapDER,
} from '@dfinity/agent';
import {
  Delegation,
  DelegationChain,
  DelegationIdentity,
  ECDSAKeyIdentity,
  Ed25519KeyIdentity,
} from '@dfinity/identity';
import { Secp256k1KeyIdentity } from '@dfinity/identity-secp256k1';
import { Principal } from '@dfinity/principal';
import { type KeyObject, createHash, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import { fixtureWasm } from '../src/testing/fixtures.js';
import { type FixtureActor, fixtureInitArg } from './fixture-idl.test-support.js';
import { type EnvelopeMap, fixtureFor, flip, tamperingFetch } from './test-support.js';

const cat = (...p: Uint8Array[]) => new Uint8Array(Buffer.concat(p));
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/** COSE_Key (EC2 P-256 or RSA) of a node key, written by hand: @dfinity/cbor has no integer map keys. */
function coseOf(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  const b = (s?: string) => new Uint8Array(Buffer.from(s!, 'base64url'));
  const bstr = (v: Uint8Array) =>
    cat(
      v.length < 24
        ? new Uint8Array([0x40 + v.length])
        : v.length < 256
          ? new Uint8Array([0x58, v.length])
          : new Uint8Array([0x59, v.length >> 8, v.length & 255]),
      v,
    );
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

/**
 * A software WebAuthn authenticator (what a browser's navigator.credentials.get produces): signs
 * authenticatorData ‖ SHA-256(clientDataJSON) whose challenge is the payload, like WebAuthnIdentity.
 */
class SoftwareAuthenticator extends SignIdentity {
  readonly der: Uint8Array;
  readonly #key: KeyObject;
  constructor(kind: 'ec' | 'rsa') {
    super();
    const pair =
      kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.#key = pair.privateKey;
    this.der = wrapDER(coseOf(pair.publicKey), DER_COSE_OID);
  }
  getPublicKey(): PublicKey {
    return {
      toDer: () => this.der as DerEncodedPublicKey,
      rawKey: this.der,
      derKey: this.der as DerEncodedPublicKey,
    };
  }
  async sign(blob: Uint8Array): Promise<Signature> {
    const authenticatorData = cat(
      sha256(new TextEncoder().encode('identity.ic0.app')),
      new Uint8Array([0x05, 0, 0, 0, 1]),
    );
    const clientDataJson = JSON.stringify({
      type: 'webauthn.get',
      challenge: Buffer.from(blob).toString('base64url'),
      origin: 'https://identity.ic0.app',
    });
    const signature = new Uint8Array(
      sign(
        'sha256',
        cat(authenticatorData, sha256(new TextEncoder().encode(clientDataJson))),
        this.#key,
      ),
    );
    return Cbor.encode({
      authenticator_data: authenticatorData,
      client_data_json: clientDataJson,
      signature,
    }) as Signature;
  }
}

const flipSenderSig = (e: EnvelopeMap) => {
  e.sender_sig = flip(e.sender_sig as Uint8Array, 10);
};

describe('signature schemes', () => {
  let net: Localnet;
  let id: Principal;
  let other: Principal;

  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
    id = await net.installCanister(fixtureWasm(), { arg: fixtureInitArg(0n) });
    // Another canister id, for delegation targets that leave `id` out.
    other = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
  });
  afterAll(async () => {
    await net.stop();
  });

  /** whoami by update call and by query both answer the identity's principal. */
  async function expectAccepted(identity: Identity, principal = identity.getPrincipal()) {
    const actor = await fixtureFor(net, id, { identity });
    expect(await actor.whoamiUpdate()).toBe(principal.toText());
    expect(await actor.whoami()).toBe(principal.toText());
  }
  /** Both an update call and a query are refused (HTTP 400) once `mutate` changed the envelope. */
  async function expectRefused(
    identity: Identity,
    mutate: (e: EnvelopeMap) => void,
    message: RegExp,
  ) {
    const actor: FixtureActor = await fixtureFor(net, id, {
      identity,
      fetch: tamperingFetch(mutate),
    });
    const before = await (await fixtureFor(net, id)).get();
    await expect(actor.inc()).rejects.toThrow(message);
    // A query's node keys are fetched (read_state, as the agent's identity) beside the query: an
    // identity refused for this canister (expired, other targets) gets its read_state refused too,
    // and whichever refusal comes first is what the agent reports. Fetch them anonymously first, so
    // the query's own refusal is the one asserted.
    const agent = Actor.agentOf(actor as unknown as Actor) as HttpAgent;
    agent.replaceIdentity(new AnonymousIdentity());
    await agent.fetchSubnetKeys(id);
    agent.replaceIdentity(identity);
    await expect(actor.whoami()).rejects.toThrow(message);
    // The refused call never ran.
    await net.replica.idle();
    expect(await (await fixtureFor(net, id)).get()).toBe(before);
  }

  describe('anonymous', () => {
    it('is accepted without a signature', async () => {
      await expectAccepted(new AnonymousIdentity(), Principal.anonymous());
    });
    it('is refused with a signature attached', async () => {
      const ed = Ed25519KeyIdentity.generate();
      const withSig = (e: EnvelopeMap) => {
        e.sender_pubkey = ed.getPublicKey().toDer();
        e.sender_sig = new Uint8Array(64);
      };
      await expectRefused(
        new AnonymousIdentity(),
        withSig,
        /Signature is not allowed for the anonymous user/,
      );
    });
    it('is refused when it claims another sender without a signature', async () => {
      const claim = Ed25519KeyIdentity.generate().getPrincipal().toUint8Array();
      await expectRefused(
        new AnonymousIdentity(),
        (e) => void (e.content.sender = claim),
        /Missing signature/,
      );
    });
  });

  const simple: Array<[string, () => Promise<SignIdentity>]> = [
    ['Ed25519', async () => Ed25519KeyIdentity.generate()],
    ['ECDSA P-256', async () => ECDSAKeyIdentity.generate()],
    ['secp256k1', async () => Secp256k1KeyIdentity.generate() as unknown as SignIdentity],
    ['WebAuthn (ES256)', async () => new SoftwareAuthenticator('ec')],
    ['WebAuthn (RS256)', async () => new SoftwareAuthenticator('rsa')],
  ];
  describe.each(simple)('%s', (_name, make) => {
    it('is accepted', async () => {
      await expectAccepted(await make());
    });
    it('is refused with one byte of sender_sig changed', async () => {
      await expectRefused(await make(), flipSenderSig, /Invalid signature/);
    });
    it('is refused when the public key does not match the sender', async () => {
      const stranger = Ed25519KeyIdentity.generate().getPrincipal().toUint8Array();
      await expectRefused(
        await make(),
        (e) => void (e.content.sender = stranger),
        /does not match the public key/,
      );
    });
  });

  describe('delegation chain (Ed25519 → session key)', () => {
    const root = Ed25519KeyIdentity.generate();
    const session = Ed25519KeyIdentity.generate();
    const delegated = async (expiration: Date, targets?: Principal[]) =>
      DelegationIdentity.fromDelegation(
        session,
        await DelegationChain.create(root, session.getPublicKey(), expiration, { targets }),
      );

    it('is accepted and acts as the root principal', async () => {
      await expectAccepted(await delegated(minutes(10)), root.getPrincipal());
    });
    it('is accepted with targets that include the canister', async () => {
      await expectAccepted(await delegated(minutes(10), [other, id]), root.getPrincipal());
    });
    it('is refused with one byte of sender_sig changed', async () => {
      await expectRefused(await delegated(minutes(10)), flipSenderSig, /Invalid signature/);
    });
    it('is refused when the delegation signature is changed', async () => {
      const tamper = (e: EnvelopeMap) => {
        const [link] = e.sender_delegation as Array<{ signature: Uint8Array }>;
        link!.signature = flip(link!.signature, 3);
      };
      await expectRefused(await delegated(minutes(10)), tamper, /Invalid delegation/);
    });
    it('is refused once the delegation has expired', async () => {
      await expectRefused(
        await delegated(new Date(Date.now() - 60_000)),
        () => undefined,
        /expired/i,
      );
    });
    it('is refused for a canister outside its targets', async () => {
      await expectRefused(
        await delegated(minutes(10), [other]),
        () => undefined,
        /not one of the delegation targets/,
      );
    });
    it('WebAuthn passkey → session key (as the II frontend signs) is accepted', async () => {
      const passkey = new SoftwareAuthenticator('ec');
      const chain = await DelegationChain.create(passkey, session.getPublicKey(), minutes(10));
      await expectAccepted(
        DelegationIdentity.fromDelegation(session, chain),
        passkey.getPrincipal(),
      );
    });
  });

  describe('canister signature made by a canister on this localnet', () => {
    const session = Ed25519KeyIdentity.generate();
    const seed = new Uint8Array(
      sha256(new TextEncoder().encode('anchor 10000 @ https://app.example')),
    );
    const expiration = BigInt(Date.now() + 10 * 60_000) * 1_000_000n;
    let userKey: Uint8Array;
    let signature: Uint8Array;

    beforeAll(async () => {
      const signer = await fixtureFor(net, id);
      userKey = await signer.prepareDelegation(seed, session.getPublicKey().toDer(), expiration);
      const [sig] = await signer.getDelegationSignature(
        seed,
        session.getPublicKey().toDer(),
        expiration,
      );
      signature = sig!;
    });
    const identityWith = (sig: Uint8Array, key = userKey) =>
      DelegationIdentity.fromDelegation(
        session,
        DelegationChain.fromDelegations(
          [
            {
              delegation: new Delegation(session.getPublicKey().toDer(), expiration),
              signature: sig as Signature,
            },
          ],
          key as DerEncodedPublicKey,
        ),
      );

    it('has the public key DER of OID 1.3.6.1.4.1.56387.1.2 over |id| ‖ id ‖ seed', () => {
      const raw = id.toUint8Array();
      const bits = cat(new Uint8Array([raw.length]), raw, seed);
      const expected = cat(
        new Uint8Array([
          0x30,
          14 + 3 + bits.length,
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
          bits.length + 1,
          0x00,
        ]),
        bits,
      );
      expect(Buffer.from(userKey).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    });

    it('is accepted: whoami (update and query) answers the self-authenticating principal of that key', async () => {
      await expectAccepted(identityWith(signature), Principal.selfAuthenticating(userKey));
    });

    it('is refused when the signed delegation hash in the signature tree is changed', async () => {
      const payload = cat(
        IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
        requestIdOf({ pubkey: session.getPublicKey().toDer(), expiration }),
      );
      const at = Buffer.from(signature).indexOf(Buffer.from(sha256(payload)));
      expect(at).toBeGreaterThan(0);
      // The tree no longer hashes to the canister's certified data.
      await expectRefused(
        identityWith(flip(signature, at + 5)),
        () => undefined,
        /Invalid canister signature: certified_data of the signing canister does not match/,
      );
    });

    it('is refused when the certificate inside the signature is changed', async () => {
      // The last bytes of the certificate's BLS signature sit right before the "tree" key.
      const at = Buffer.from(signature).lastIndexOf(Buffer.from('dtree', 'latin1'));
      expect(at).toBeGreaterThan(0);
      await expectRefused(
        identityWith(flip(signature, at - 3)),
        () => undefined,
        /Invalid canister signature: .*(certificate|BLS|signature)/,
      );
    });

    it('is refused for another seed than the one signed', async () => {
      const raw = id.toUint8Array();
      const otherKey = cat(
        userKey.subarray(0, userKey.length - seed.length - raw.length - 1),
        new Uint8Array([raw.length]),
        raw,
        flip(seed),
      );
      await expectRefused(
        identityWith(signature, otherKey),
        () => undefined,
        /Invalid canister signature: the signature tree does not contain/,
      );
    });
  });
});
