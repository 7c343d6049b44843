// Attribute sharing on the real canister: prepare_id_alias / get_id_alias give two JWS credentials
// whose canister signatures localnet's verifier (the IC's checks, with the network's root key)
// accepts, for the principals the user has at the relying party and at the issuer; the id_alias
// links nothing new; who may call, and the Err cases.
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearCertificateCache, parsePublicKey } from '@ii/localnet/testing';
import {
  GetIdAliasRequest,
  GetIdAliasResponse,
  type IdAliasCredentialsT,
  type PreparedIdAliasT,
  type SignedIdAliasT,
} from '../src/candid.js';
import { vcSigningMessage } from '../src/delegation/id-alias.js';
import { rawUpdate } from './raw-call.js';
import {
  type IIActor,
  type TestNet,
  addDeviceTo,
  recoveryPhraseFor,
  registerAnchor,
  startWithII,
} from './support.js';

const RP = 'https://rp.example';
const ISSUER = 'https://issuer.example';
const fromB64url = (s: string) => Buffer.from(s, 'base64url');

let t: TestNet;
let anchor: bigint;
let owner: Ed25519KeyIdentity;
let ii: IIActor;
beforeAll(async () => {
  t = await startWithII();
  ({ anchor, identity: owner } = await registerAnchor(t));
  ii = await t.actor(owner);
});
afterAll(async () => t?.net.stop());

async function prepare(
  actor: IIActor,
  relying_party = RP,
  issuer = ISSUER,
  identity = anchor,
): Promise<PreparedIdAliasT> {
  const r = await actor.prepare_id_alias({ identity_number: identity, relying_party, issuer });
  if (!('Ok' in r)) throw new Error(JSON.stringify(r));
  return r.Ok;
}

const getRequest = (p: PreparedIdAliasT, relying_party = RP, issuer = ISSUER) => ({
  identity_number: anchor,
  relying_party,
  issuer,
  rp_id_alias_jwt: p.rp_id_alias_jwt,
  issuer_id_alias_jwt: p.issuer_id_alias_jwt,
});

async function credentials(p: PreparedIdAliasT, relyingParty = RP): Promise<IdAliasCredentialsT> {
  const r = await ii.get_id_alias(getRequest(p, relyingParty));
  if (!('Ok' in r)) throw new Error(JSON.stringify(r));
  return r.Ok;
}

/** Verifies the JWS's canister signature as the IC does and returns its claims. */
async function verified(signed: SignedIdAliasT, pkDer: Uint8Array) {
  clearCertificateCache();
  const [header, claims, signature] = signed.credential_jws.split('.') as [string, string, string];
  const key = JSON.parse(fromB64url(header).toString()) as { jwk: { k: string }; kid: string };
  expect(new Uint8Array(fromB64url(key.jwk.k))).toEqual(pkDer);
  expect(key.kid).toBe(`did:icp:${t.canisterId.toText()}`);
  await parsePublicKey(pkDer, { rootKey: t.net.rootKey } as never).verify(
    vcSigningMessage(`${header}.${claims}`),
    new Uint8Array(fromB64url(signature)),
  );
  return JSON.parse(fromB64url(claims).toString()) as {
    sub: string;
    iss: string;
    exp: number;
    nbf: number;
    vc: { credentialSubject: { InternetIdentityIdAlias: { hasIdAlias: string } } };
  };
}

describe('prepare_id_alias → get_id_alias', () => {
  it('gives signed credentials for the user at the relying party and at the issuer', async () => {
    const prepared = await prepare(ii);
    const { rp_id_alias_credential: rp, issuer_id_alias_credential: issuer } =
      await credentials(prepared);
    expect(rp.id_dapp.toText()).toBe((await ii.get_principal(anchor, RP)).toText());
    expect(issuer.id_dapp.toText()).toBe((await ii.get_principal(anchor, ISSUER)).toText());
    expect(rp.id_alias.toText()).toBe(issuer.id_alias.toText());
    // The id_alias is the self-authenticating principal of the signing key.
    expect(rp.id_alias.toText()).toBe(
      Principal.selfAuthenticating(prepared.canister_sig_pk_der).toText(),
    );
    for (const signed of [rp, issuer]) {
      const claims = await verified(signed, prepared.canister_sig_pk_der);
      expect(claims.sub).toBe(`did:icp:${signed.id_dapp.toText()}`);
      expect(claims.vc.credentialSubject.InternetIdentityIdAlias.hasIdAlias).toBe(
        signed.id_alias.toText(),
      );
      expect(claims.iss).toBe('https://identity.ic0.app/');
      expect(claims.exp - claims.nbf).toBe(900);
    }
  });

  it('links nothing new: each credential names only its own party, each pair has its own alias', async () => {
    const first = await credentials(await prepare(ii));
    const otherRp = await credentials(
      await prepare(ii, 'https://rp2.example'),
      'https://rp2.example',
    );
    const idIssuer = first.issuer_id_alias_credential.id_dapp.toText();
    const idRp = first.rp_id_alias_credential.id_dapp.toText();
    // The relying party's credential does not contain the issuer principal, nor the reverse.
    expect(first.rp_id_alias_credential.credential_jws).not.toContain(
      Buffer.from(idIssuer).toString('base64url').slice(0, 20),
    );
    const rpClaims = fromB64url(
      first.rp_id_alias_credential.credential_jws.split('.')[1]!,
    ).toString();
    const issuerClaims = fromB64url(
      first.issuer_id_alias_credential.credential_jws.split('.')[1]!,
    ).toString();
    expect(rpClaims).not.toContain(idIssuer);
    expect(issuerClaims).not.toContain(idRp);
    // Another relying party gets another alias, so two relying parties cannot match users by it.
    expect(otherRp.rp_id_alias_credential.id_alias.toText()).not.toBe(
      first.rp_id_alias_credential.id_alias.toText(),
    );
    expect(otherRp.rp_id_alias_credential.id_dapp.toText()).not.toBe(idRp);
    // Another anchor gets another alias for the same pair.
    const { anchor: second, identity: secondOwner } = await registerAnchor(t);
    const other = await t.actor(secondOwner);
    const prepared = await prepare(other, RP, ISSUER, second);
    const r = await other.get_id_alias({ ...getRequest(prepared), identity_number: second });
    if (!('Ok' in r)) throw new Error('no credentials');
    expect(r.Ok.rp_id_alias_credential.id_alias.toText()).not.toBe(
      first.rp_id_alias_credential.id_alias.toText(),
    );
  });

  it('answers NoSuchCredentials before prepare, for another JWT, and after the signatures expire', async () => {
    const prepared = await prepare(ii, 'https://late.example');
    const request = getRequest(prepared, 'https://late.example');
    const fresh = await ii.get_id_alias({ ...request, relying_party: 'https://never.example' });
    expect(fresh).toMatchObject({ Err: { NoSuchCredentials: expect.any(String) } });
    const tampered = await ii.get_id_alias({
      ...request,
      rp_id_alias_jwt: prepared.rp_id_alias_jwt.replace('"nbf":', '"nbf":1'),
    });
    expect(tampered).toMatchObject({
      Err: { NoSuchCredentials: expect.stringMatching(/relying party/) },
    });
    expect('Ok' in (await ii.get_id_alias(request))).toBe(true);
    // Same life as a delegation's signature: one minute, pruned by a later prepare.
    await t.net.advanceTime(61_000);
    await prepare(ii);
    expect(await ii.get_id_alias(request)).toMatchObject({
      Err: { NoSuchCredentials: expect.any(String) },
    });
  });

  it('refuses a hostname over 255 bytes, and get_id_alias called as an update, as InternalCanisterError', async () => {
    expect(
      await ii.prepare_id_alias({
        identity_number: anchor,
        relying_party: 'h'.repeat(256),
        issuer: ISSUER,
      }),
    ).toMatchObject({ Err: { InternalCanisterError: expect.stringMatching(/255 bytes/) } });
    const prepared = await prepare(ii);
    const reply = await rawUpdate(
      await t.agent(owner),
      t.canisterId,
      'get_id_alias',
      new Uint8Array(IDL.encode([GetIdAliasRequest], [getRequest(prepared)])),
    );
    if (reply.status !== 'replied') throw new Error(reply.message);
    const [decoded] = IDL.decode([GetIdAliasResponse], reply.reply) as [
      { Err?: { InternalCanisterError?: string } },
    ];
    expect(decoded.Err?.InternalCanisterError).toMatch(/certificate/);
  });
});

describe('who may call', () => {
  it("only the identity's devices (a protected recovery phrase too); others get Unauthorized", async () => {
    const phrase = Ed25519KeyIdentity.generate();
    await ii.add(anchor, recoveryPhraseFor(phrase, 'protected'));
    const prepared = await prepare(await t.actor(phrase));
    expect('Ok' in (await (await t.actor(phrase)).get_id_alias(getRequest(prepared)))).toBe(true);
    // Any device may fetch what another prepared, as for delegations.
    const second = await addDeviceTo(t, owner, anchor);
    expect('Ok' in (await (await t.actor(second)).get_id_alias(getRequest(prepared)))).toBe(true);

    const { identity: otherOwner } = await registerAnchor(t);
    const tentative = Ed25519KeyIdentity.generate();
    await ii.enter_device_registration_mode(anchor);
    await (
      await t.actor(tentative)
    ).add_tentative_device(anchor, {
      ...(await ii.lookup(anchor))[0]!,
      pubkey: new Uint8Array(tentative.getPublicKey().toDer()),
    });
    for (const caller of [undefined, Ed25519KeyIdentity.generate(), otherOwner, tentative]) {
      const actor = await t.actor(caller);
      const principal = caller ? caller.getPrincipal() : Principal.anonymous();
      expect(
        await actor.prepare_id_alias({
          identity_number: anchor,
          relying_party: RP,
          issuer: ISSUER,
        }),
      ).toEqual({ Err: { Unauthorized: principal } });
      expect(await actor.get_id_alias(getRequest(prepared))).toEqual({
        Err: { Unauthorized: principal },
      });
    }
    await ii.exit_device_registration_mode(anchor);
  });
});
