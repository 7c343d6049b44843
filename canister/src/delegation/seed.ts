/**
 * The per (anchor, frontend) seed of the spec ("Identity design and data model"):
 *   seed = SHA-256(|salt| · salt · |a| · a · |h| · h)
 * with a = the anchor as ASCII decimal, h = the frontend origin (≤ 255 bytes), |x| one length byte.
 *
 * Where the icp0.io → ic0.app rewrite applies: HERE, inside `calculateSeed`, the one function every
 * seed (prepare_delegation, get_delegation, get_principal) comes from. The spec says a
 * `<canister id>.icp0.io` frontend "will be rewritten to <canister id>.ic0.app before being used in
 * the seed"; II's own frontend already does it (remapToLegacyDomain), and the rewrite is idempotent
 * (an ic0.app origin never matches), so doing it again in the canister changes nothing for II's
 * frontend while guaranteeing the spec's principals for any other client calling the canister.
 */
import { concatBytes, utf8 } from '../bytes.js';
import { sha256 } from '../certification/sha256.js';
import { DelegationError, type DelegationResult } from './errors.js';

export const FRONTEND_HOSTNAME_LIMIT = 255;
export const SALT_LENGTH = 32;

// The official II frontend's remapToLegacyDomain regex; `.raw` stays in the subdomain.
const ICP0_ORIGIN = /^https:\/\/([\w-]+(?:\.raw)?)\.icp0\.io$/;

/** `https://<sub>(.raw)?.icp0.io` → `https://<sub>(.raw)?.ic0.app`; any other origin unchanged. */
export function normalizeFrontendHostname(hostname: string): string {
  const m = ICP0_ORIGIN.exec(hostname);
  return m ? `https://${m[1]}.ic0.app` : hostname;
}

/**
 * The seed for `anchorNumber` at `frontendHostname` (normalized first, see above).
 * Fails (result) when the hostname's UTF-8 exceeds 255 bytes; throws on a malformed salt or a
 * negative anchor (bugs, not inputs).
 */
export function calculateSeed(
  salt: Uint8Array,
  anchorNumber: bigint,
  frontendHostname: string,
): DelegationResult<Uint8Array> {
  if (salt.length !== SALT_LENGTH)
    throw new DelegationError('II_ERR_DELEGATION_SALT_LENGTH', `got ${salt.length}`);
  if (anchorNumber < 0n)
    throw new DelegationError('II_ERR_DELEGATION_NEGATIVE_ANCHOR', `${anchorNumber}`);
  const host = utf8(normalizeFrontendHostname(frontendHostname));
  if (host.length > FRONTEND_HOSTNAME_LIMIT) {
    return {
      ok: false,
      error: new DelegationError('II_ERR_DELEGATION_HOSTNAME_TOO_LONG', `${host.length} bytes`),
    };
  }
  const anchor = utf8(anchorNumber.toString(10));
  const seed = sha256(
    concatBytes([
      new Uint8Array([salt.length]),
      salt,
      new Uint8Array([anchor.length]),
      anchor,
      new Uint8Array([host.length]),
      host,
    ]),
  );
  return { ok: true, value: seed };
}
