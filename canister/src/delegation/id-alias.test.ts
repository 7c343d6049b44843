/**
 * id_alias credentials: the format reproduces the official II's test vector byte for byte, its
 * signature verifies under our domain separation, and prepare → certify → get gives credentials
 * that localnet's canister-signature verifier (the IC's checks) accepts.
 */
import { Principal } from '@dfinity/principal';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  Certifier,
  StateTree,
  clearCertificateCache,
  encodeLeb128,
  parsePublicKey,
} from '@ii/localnet/testing';
import { utf8 } from '../bytes.js';
import { assetsRootHashOf } from '../certification/certified-data.js';
import { LabeledTree } from '../certification/labeled-tree.js';
import { parseCanisterSigPublicKeyDer, userPrincipal } from './canister-sig-key.js';
import type { DelegationContext } from './delegations.js';
import {
  getIdAlias,
  idAliasCredentialJwt,
  idAliasSeed,
  jwsHeader,
  jwsSigningInput,
  prepareIdAlias,
  vcSigningMessage,
} from './id-alias.js';
import { calculateSeed } from './seed.js';
import { SignatureMap } from './signature-map.js';
import { ID_ALIAS_VECTOR as V } from './test-id-alias-vector.js';

const b64url = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));
const fromB64url = (s: string) => Buffer.from(s, 'base64url').toString();

beforeEach(() => clearCertificateCache());

describe('the official II test vector', () => {
  const [header, claims, signature] = V.credentialJws.split('.') as [string, string, string];
  const der = b64url(JSON.parse(fromB64url(header)).jwk.k as string);

  it('has the header, claims and signing input this module writes', () => {
    expect(jwsHeader(der, V.canisterId)).toBe(fromB64url(header));
    const jwt = idAliasCredentialJwt({ idAlias: V.idAlias, idDapp: V.idDapp, nowNs: V.issuedAtNs });
    expect(jwt).toBe(fromB64url(claims));
    expect(jwsSigningInput(jwt, der, V.canisterId)).toBe(`${header}.${claims}`);
    expect(parseCanisterSigPublicKeyDer(der)?.canisterId).toEqual(
      Principal.fromText(V.canisterId).toUint8Array(),
    );
  });

  it('verifies as a canister signature over the domain-separated signing input', async () => {
    const verifier = parsePublicKey(der, { rootKey: b64url(V.rootKeyB64Url) } as never);
    await expect(
      verifier.verify(vcSigningMessage(`${header}.${claims}`), b64url(signature)),
    ).resolves.toBeUndefined();
    await expect(verifier.verify(utf8(`${header}.${claims}`), b64url(signature))).rejects.toThrow();
  });
});

const CANISTER = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const NOW = BigInt(Date.now()) * 1_000_000n;
const RP = 'https://rp.example';
const ISSUER = 'https://issuer.example';

function setup() {
  const v1 = new LabeledTree();
  const v2 = new LabeledTree();
  v2.insert(['', '<$>'], new Uint8Array());
  const ctx: DelegationContext = {
    salt: new Uint8Array(32).fill(7),
    canisterId: CANISTER.toUint8Array(),
    sigMap: new SignatureMap(),
    assetsRootHash: assetsRootHashOf(v1.rootHash(), v2.rootHash()),
  };
  const certifier = Certifier.generate();
  const state = new StateTree();
  const certify = (certifiedData: Uint8Array) => {
    state.set(['canister', CANISTER.toUint8Array(), 'certified_data'], certifiedData);
    state.set(['time'], encodeLeb128(NOW));
    return certifier.certify(state, [['canister', CANISTER.toUint8Array(), 'certified_data']]);
  };
  return { ctx, certify, rootKey: certifier.rootKeyDer };
}

const request = { anchorNumber: 10_000n, relyingParty: RP, issuer: ISSUER };

describe('prepare_id_alias → certified data → get_id_alias', () => {
  it('gives two credentials the IC verifier accepts, for the principals they name', async () => {
    const { ctx, certify, rootKey } = setup();
    const prepared = prepareIdAlias(ctx, { ...request, now: NOW });
    if (!prepared.ok) throw prepared.error;
    const { rpJwt, issuerJwt, canisterSigPkDer, certifiedData } = prepared.value;
    const got = getIdAlias(ctx, {
      ...request,
      rpJwt,
      issuerJwt,
      certificate: certify(certifiedData),
    });
    if (!got.ok || got.value.kind !== 'credentials') throw new Error('no credentials');
    const { rp, issuer } = got.value;

    const seed = (frontend: string) => {
      const s = calculateSeed(ctx.salt, 10_000n, frontend);
      if (!s.ok) throw s.error;
      return s.value;
    };
    expect(rp.idDapp).toEqual(userPrincipal(ctx.canisterId, seed(RP)));
    expect(issuer.idDapp).toEqual(userPrincipal(ctx.canisterId, seed(ISSUER)));
    expect(rp.idAlias).toEqual(issuer.idAlias);

    const verifier = parsePublicKey(canisterSigPkDer, { rootKey } as never);
    for (const [credential, jwt] of [
      [rp, rpJwt],
      [issuer, issuerJwt],
    ] as const) {
      const [h, c, s] = credential.credentialJws.split('.') as [string, string, string];
      expect(fromB64url(c)).toBe(jwt);
      await verifier.verify(vcSigningMessage(`${h}.${c}`), b64url(s));
      const claims = JSON.parse(jwt);
      expect(claims.sub).toBe(`did:icp:${Principal.fromUint8Array(credential.idDapp).toText()}`);
      expect(claims.vc.credentialSubject.InternetIdentityIdAlias.hasIdAlias).toBe(
        Principal.fromUint8Array(credential.idAlias).toText(),
      );
      expect(claims.exp - claims.nbf).toBe(900);
    }
  });

  it('finds nothing for a JWT other than the one prepared, or after the signature expired', () => {
    const { ctx, certify } = setup();
    const prepared = prepareIdAlias(ctx, { ...request, now: NOW });
    if (!prepared.ok) throw prepared.error;
    const { rpJwt, issuerJwt, certifiedData } = prepared.value;
    const certificate = certify(certifiedData);
    const tampered = rpJwt.replace('"exp":', '"exp":1');
    expect(getIdAlias(ctx, { ...request, rpJwt: tampered, issuerJwt, certificate })).toEqual({
      ok: true,
      value: { kind: 'no_such_credentials', which: 'rp' },
    });
    expect(getIdAlias(ctx, { ...request, rpJwt, issuerJwt: issuerJwt + ' ', certificate })).toEqual(
      { ok: true, value: { kind: 'no_such_credentials', which: 'issuer' } },
    );
    ctx.sigMap.pruneExpired(NOW + 61_000_000_000n, 100);
    expect(getIdAlias(ctx, { ...request, rpJwt, issuerJwt, certificate })).toMatchObject({
      value: { kind: 'no_such_credentials' },
    });
  });

  it('gives each (relying party, issuer) pair its own id_alias, and refuses long hostnames', () => {
    const salt = new Uint8Array(32).fill(1);
    const a = idAliasSeed(salt, 10_000n, RP, ISSUER);
    const b = idAliasSeed(salt, 10_000n, 'https://other-rp.example', ISSUER);
    const c = idAliasSeed(salt, 10_000n, ISSUER, RP);
    const d = idAliasSeed(salt, 10_001n, RP, ISSUER);
    const seeds = [a, b, c, d].map((s) => (s.ok ? Buffer.from(s.value).toString('hex') : 'x'));
    expect(new Set(seeds).size).toBe(4);
    // icp0.io and ic0.app are one origin, as for delegations.
    expect(idAliasSeed(salt, 1n, 'https://abc.icp0.io', ISSUER)).toEqual(
      idAliasSeed(salt, 1n, 'https://abc.ic0.app', ISSUER),
    );
    expect(idAliasSeed(salt, 1n, 'h'.repeat(256), ISSUER)).toMatchObject({
      ok: false,
      error: { code: 'II_ERR_DELEGATION_HOSTNAME_TOO_LONG' },
    });
  });
});
