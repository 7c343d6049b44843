/**
 * Attribute sharing (the spec's `prepare_id_alias` / `get_id_alias`): II vouches that a temporary
 * identity, the id_alias, belongs to the user known to the relying party as `id_rp` and to the
 * issuer as `id_issuer`, with one credential for each. Each credential is a JWT whose claims name
 * the dapp principal as subject and the id_alias as `hasIdAlias`, signed as a JWS with a canister
 * signature (algorithm `IcCs`), the format the official II and its verifiers use
 * (ic-verifiable-credentials; the test vector in id-alias.test.ts is from it):
 *
 *   id_alias      = self-authenticating principal of the canister-signature key for
 *                   seed = SHA-256(|salt|·salt·|a|·a·|rp|·rp·|issuer|·issuer) (a the anchor in
 *                   decimal; rp and issuer normalized as frontend hostnames, ≤ 255 bytes each)
 *   header        = {"jwk":{"kty":"oct","alg":"IcCs","k":<base64url(DER key)>},
 *                    "kid":"did:icp:<II canister>","alg":"IcCs"}
 *   claims (JWT)  = {"exp":nbf+900,"iss":"https://identity.ic0.app/","nbf":<now s>,
 *                    "jti":"data:text/plain;charset=UTF-8,timestamp_ns:<now>,alias_hash:<hex>",
 *                    "sub":"did:icp:<id_dapp>","vc":{…"InternetIdentityIdAlias":{"hasIdAlias":<id_alias>}}}
 *   signing input = base64url(header) "." base64url(claims)
 *   signed        = SHA-256(26 · "iccs_verifiable_credential" · signing input), in the signature
 *                   map under SHA-256(seed), like a delegation (same 1-minute life, same pruning)
 *   JWS           = signing input "." base64url(canister signature)
 *
 * The credentials link nothing the relying party could not link already: `id_rp` is the user's
 * principal at the relying party, the id_alias is different for every (relying party, issuer)
 * pair, and the issuer's credential goes to the issuer only.
 */
import { Principal } from '@dfinity/principal';
import { concatBytes, toBase64Url, toHex, utf8 } from '../bytes.js';
import { certifiedDataRoot, signatureWitnessTree } from '../certification/certified-data.js';
import { sha256 } from '../certification/sha256.js';
import { encodeCanisterSignature } from './canister-signature.js';
import { canisterSigPublicKeyDer, userPrincipal } from './canister-sig-key.js';
import type { DelegationContext } from './delegations.js';
import { DelegationError, type DelegationResult } from './errors.js';
import {
  FRONTEND_HOSTNAME_LIMIT,
  SALT_LENGTH,
  calculateSeed,
  normalizeFrontendHostname,
} from './seed.js';

export const ID_ALIAS_ISSUER_URL = 'https://identity.ic0.app/';
export const CREDENTIAL_ID_PREFIX = 'data:text/plain;charset=UTF-8,';
export const VC_SIGNING_INPUT_DOMAIN = utf8('iccs_verifiable_credential');
/** A credential's validity: `exp` is `nbf` plus 15 minutes (as II). */
export const ID_ALIAS_CREDENTIAL_LIFETIME_S = 15n * 60n;

const did = (principalText: string) => `did:icp:${principalText}`;
const text = (bytes: Uint8Array) => Principal.fromUint8Array(bytes).toText();

/** The id_alias seed for (anchor, relying party, issuer). */
export function idAliasSeed(
  salt: Uint8Array,
  anchorNumber: bigint,
  relyingParty: string,
  issuer: string,
): DelegationResult<Uint8Array> {
  if (salt.length !== SALT_LENGTH)
    throw new DelegationError('II_ERR_DELEGATION_SALT_LENGTH', `got ${salt.length}`);
  const parts: Uint8Array[] = [new Uint8Array([salt.length]), salt];
  const anchor = utf8(anchorNumber.toString(10));
  parts.push(new Uint8Array([anchor.length]), anchor);
  for (const hostname of [relyingParty, issuer]) {
    const h = utf8(normalizeFrontendHostname(hostname));
    if (h.length > FRONTEND_HOSTNAME_LIMIT) {
      return {
        ok: false,
        error: new DelegationError('II_ERR_DELEGATION_HOSTNAME_TOO_LONG', `${h.length} bytes`),
      };
    }
    parts.push(new Uint8Array([h.length]), h);
  }
  return { ok: true, value: sha256(concatBytes(parts)) };
}

/** The credential's claims (the "JWT" `prepare_id_alias` returns), as II writes them. */
export function idAliasCredentialJwt(args: {
  idAlias: string;
  idDapp: string;
  nowNs: bigint;
}): string {
  const nbf = args.nowNs / 1_000_000_000n;
  const aliasHash = toHex(sha256(utf8(`id_dapp=${args.idDapp},id_alias=${args.idAlias}`)));
  const jti = `${CREDENTIAL_ID_PREFIX}timestamp_ns:${args.nowNs},alias_hash:${aliasHash}`;
  const J = JSON.stringify;
  return (
    `{"exp":${nbf + ID_ALIAS_CREDENTIAL_LIFETIME_S},"iss":${J(ID_ALIAS_ISSUER_URL)},"nbf":${nbf},` +
    `"jti":${J(jti)},"sub":${J(did(args.idDapp))},"vc":{"@context":"https://www.w3.org/2018/credentials/v1",` +
    `"type":["VerifiableCredential","InternetIdentityIdAlias"],` +
    `"credentialSubject":{"InternetIdentityIdAlias":{"hasIdAlias":${J(args.idAlias)}}}}}`
  );
}

/** The JWS header naming the canister-signature key and the signing canister. */
export function jwsHeader(canisterSigPkDer: Uint8Array, canisterIdText: string): string {
  const k = toBase64Url(canisterSigPkDer);
  return `{"jwk":{"kty":"oct","alg":"IcCs","k":${JSON.stringify(k)}},"kid":${JSON.stringify(did(canisterIdText))},"alg":"IcCs"}`;
}

/** What is signed: `base64url(header).base64url(claims)`. */
export function jwsSigningInput(jwt: string, canisterSigPkDer: Uint8Array, canisterIdText: string) {
  return `${toBase64Url(utf8(jwsHeader(canisterSigPkDer, canisterIdText)))}.${toBase64Url(utf8(jwt))}`;
}

/** The message a canister signature over `signingInput` signs (domain-separated). */
export function vcSigningMessage(signingInput: string): Uint8Array {
  return concatBytes([
    new Uint8Array([VC_SIGNING_INPUT_DOMAIN.length]),
    VC_SIGNING_INPUT_DOMAIN,
    utf8(signingInput),
  ]);
}

export interface IdAliasRequest {
  anchorNumber: bigint;
  relyingParty: string;
  issuer: string;
}

interface Parties {
  seed: Uint8Array;
  canisterSigPkDer: Uint8Array;
  idAlias: Uint8Array;
  idRp: Uint8Array;
  idIssuer: Uint8Array;
}

function parties(
  ctx: Pick<DelegationContext, 'salt' | 'canisterId'>,
  req: IdAliasRequest,
): DelegationResult<Parties> {
  const seed = idAliasSeed(ctx.salt, req.anchorNumber, req.relyingParty, req.issuer);
  if (!seed.ok) return seed;
  const rp = calculateSeed(ctx.salt, req.anchorNumber, req.relyingParty);
  if (!rp.ok) return rp;
  const issuer = calculateSeed(ctx.salt, req.anchorNumber, req.issuer);
  if (!issuer.ok) return issuer;
  const canisterSigPkDer = canisterSigPublicKeyDer(ctx.canisterId, seed.value);
  return {
    ok: true,
    value: {
      seed: seed.value,
      canisterSigPkDer,
      idAlias: userPrincipal(ctx.canisterId, seed.value),
      idRp: userPrincipal(ctx.canisterId, rp.value),
      idIssuer: userPrincipal(ctx.canisterId, issuer.value),
    },
  };
}

export interface PreparedIdAlias {
  rpJwt: string;
  issuerJwt: string;
  canisterSigPkDer: Uint8Array;
  /** The new certified data: pass it to `setCertifiedData` before the update returns. */
  certifiedData: Uint8Array;
}

/** Puts both credentials' signatures in the map (an update call). */
export function prepareIdAlias(
  ctx: DelegationContext,
  req: IdAliasRequest & { now: bigint },
): DelegationResult<PreparedIdAlias> {
  const p = parties(ctx, req);
  if (!p.ok) return p;
  const { seed, canisterSigPkDer, idAlias, idRp, idIssuer } = p.value;
  const canister = text(ctx.canisterId);
  const alias = text(idAlias);
  const rpJwt = idAliasCredentialJwt({ idAlias: alias, idDapp: text(idRp), nowNs: req.now });
  const issuerJwt = idAliasCredentialJwt({
    idAlias: alias,
    idDapp: text(idIssuer),
    nowNs: req.now,
  });
  const seedHash = sha256(seed);
  for (const jwt of [rpJwt, issuerJwt]) {
    const message = vcSigningMessage(jwsSigningInput(jwt, canisterSigPkDer, canister));
    ctx.sigMap.add(seedHash, sha256(message), req.now);
  }
  return {
    ok: true,
    value: {
      rpJwt,
      issuerJwt,
      canisterSigPkDer,
      certifiedData: certifiedDataRoot(ctx.assetsRootHash, ctx.sigMap.rootHash()),
    },
  };
}

export interface SignedIdAlias {
  credentialJws: string;
  idAlias: Uint8Array;
  idDapp: Uint8Array;
}

export type IdAliasCredentials =
  | { kind: 'credentials'; rp: SignedIdAlias; issuer: SignedIdAlias }
  | { kind: 'no_such_credentials'; which: 'rp' | 'issuer' };

/**
 * Looks up both signatures and wraps them with `certificate` (a query: `dataCertificate()`).
 * `no_such_credentials` when either was never prepared, has expired, or a JWT differs from the
 * one prepared.
 */
export function getIdAlias(
  ctx: DelegationContext,
  req: IdAliasRequest & {
    rpJwt: string;
    issuerJwt: string;
    certificate: Uint8Array | undefined;
  },
): DelegationResult<IdAliasCredentials> {
  if (req.certificate === undefined)
    return { ok: false, error: new DelegationError('II_ERR_DELEGATION_NO_CERTIFICATE') };
  const certificate = req.certificate;
  const p = parties(ctx, req);
  if (!p.ok) return p;
  const { seed, canisterSigPkDer, idAlias, idRp, idIssuer } = p.value;
  const canister = text(ctx.canisterId);
  const seedHash = sha256(seed);
  const sign = (jwt: string): string | undefined => {
    const input = jwsSigningInput(jwt, canisterSigPkDer, canister);
    const witness = ctx.sigMap.witness(seedHash, sha256(vcSigningMessage(input)));
    if (!witness) return undefined;
    const tree = signatureWitnessTree(ctx.assetsRootHash, witness);
    return `${input}.${toBase64Url(encodeCanisterSignature(certificate, tree))}`;
  };
  const rpJws = sign(req.rpJwt);
  if (rpJws === undefined) return { ok: true, value: { kind: 'no_such_credentials', which: 'rp' } };
  const issuerJws = sign(req.issuerJwt);
  if (issuerJws === undefined)
    return { ok: true, value: { kind: 'no_such_credentials', which: 'issuer' } };
  return {
    ok: true,
    value: {
      kind: 'credentials',
      rp: { credentialJws: rpJws, idAlias, idDapp: idRp },
      issuer: { credentialJws: issuerJws, idAlias, idDapp: idIssuer },
    },
  };
}
