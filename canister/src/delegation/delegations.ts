/**
 * prepare_delegation / get_delegation (spec "The prepare_delegation method"), as plain functions
 * over the salt, the signature map and the assets root. The canister's main.ts adds what needs
 * azle: caller authorization, `time()`, `setCertifiedData`, `dataCertificate()`, and trapping on
 * a failure result.
 */
import type { GetDelegationResponseT } from '../candid.js';
import { certifiedDataRoot, signatureWitnessTree } from '../certification/certified-data.js';
import { sha256 } from '../certification/sha256.js';
import { encodeCanisterSignature } from './canister-signature.js';
import { canisterSigPublicKeyDer, userPrincipal } from './canister-sig-key.js';
import { delegationMessageHash } from './delegation-hash.js';
import { DelegationError, type DelegationResult } from './errors.js';
import { delegationExpiration } from './expiration.js';
import { calculateSeed } from './seed.js';
import type { SignatureMap } from './signature-map.js';

export interface DelegationContext {
  /** The canister's 32-byte salt (must be set; II initialises it lazily in an update). */
  salt: Uint8Array;
  /** Raw bytes of this canister's id (`ic.id().toUint8Array()`). */
  canisterId: Uint8Array;
  sigMap: SignatureMap;
  /** Hash of fork(labeled("http_assets", …), labeled("http_expr", …)) from the http module. */
  assetsRootHash: Uint8Array;
}

export interface DelegationRequest {
  anchorNumber: bigint;
  frontendHostname: string;
  /** DER of the session key. */
  sessionKey: Uint8Array;
}

export interface PreparedDelegation {
  /** DER canister-signature public key of the user at this frontend (the `UserKey`). */
  userKey: Uint8Array;
  expiration: bigint;
  /** The new certified data: pass it to `setCertifiedData` before the update returns. */
  certifiedData: Uint8Array;
}

/** Adds the delegation's signature to the map (an update call). */
export function prepareDelegation(
  ctx: DelegationContext,
  req: DelegationRequest & { maxTimeToLive?: bigint; now: bigint },
): DelegationResult<PreparedDelegation> {
  const seed = calculateSeed(ctx.salt, req.anchorNumber, req.frontendHostname);
  if (!seed.ok) return seed;
  const expiration = delegationExpiration(req.now, req.maxTimeToLive);
  const msgHash = delegationMessageHash({ pubkey: req.sessionKey, expiration });
  ctx.sigMap.add(sha256(seed.value), msgHash, req.now);
  return {
    ok: true,
    value: {
      userKey: canisterSigPublicKeyDer(ctx.canisterId, seed.value),
      expiration,
      certifiedData: certifiedDataRoot(ctx.assetsRootHash, ctx.sigMap.rootHash()),
    },
  };
}

/**
 * Looks the signature up and wraps it with `certificate` (a query: `dataCertificate()`, which
 * certifies the certified data set by the last prepare_delegation). no_such_delegation when the
 * entry was never prepared, was pruned, or the expiration/session key differ.
 */
export function getDelegation(
  ctx: DelegationContext,
  req: DelegationRequest & { expiration: bigint; certificate: Uint8Array | undefined },
): DelegationResult<GetDelegationResponseT> {
  if (req.certificate === undefined)
    return { ok: false, error: new DelegationError('II_ERR_DELEGATION_NO_CERTIFICATE') };
  const seed = calculateSeed(ctx.salt, req.anchorNumber, req.frontendHostname);
  if (!seed.ok) return seed;
  const msgHash = delegationMessageHash({ pubkey: req.sessionKey, expiration: req.expiration });
  const witness = ctx.sigMap.witness(sha256(seed.value), msgHash);
  if (!witness) return { ok: true, value: { no_such_delegation: null } };
  const tree = signatureWitnessTree(ctx.assetsRootHash, witness);
  return {
    ok: true,
    value: {
      signed_delegation: {
        delegation: { pubkey: req.sessionKey, expiration: req.expiration, targets: [] },
        signature: encodeCanisterSignature(req.certificate, tree),
      },
    },
  };
}

/** The user principal (raw bytes) for get_principal. */
export function getPrincipal(
  ctx: Pick<DelegationContext, 'salt' | 'canisterId'>,
  anchorNumber: bigint,
  frontendHostname: string,
): DelegationResult<Uint8Array> {
  const seed = calculateSeed(ctx.salt, anchorNumber, frontendHostname);
  return seed.ok ? { ok: true, value: userPrincipal(ctx.canisterId, seed.value) } : seed;
}
