/**
 * Sender delegations (spec "Authentication"): at most 20 links, none expired, no key twice,
 * at most 1000 targets each; link i is signed by the key of link i-1 (the first by sender_pubkey)
 * over "\x1Aic-request-auth-delegation" ‖ hash_of_map(delegation). Returns the key that must sign
 * the request and the intersection of all target lists.
 */
import { bytesEqual, compareBytes, concatBytes, toHex, utf8 } from '../bytes.js';
import { AuthError, SignatureError, describe } from './errors.js';
import { formatIcTime } from './ingress-expiry.js';
import { parsePublicKey } from './public-key.js';
import { delegationHash } from './request-id.js';
import { errorCategory, type Verifier, type VerifierContext } from './verifier.js';
import type { SignedDelegation } from './types.js';

export const MAXIMUM_NUMBER_OF_DELEGATIONS = 20;
export const MAXIMUM_NUMBER_OF_TARGETS_PER_DELEGATION = 1000;
const DELEGATION_SEPARATOR = concatBytes(
  new Uint8Array([0x1a]),
  utf8('ic-request-auth-delegation'),
);

/** Parses a key, mapping failures to the replica's "Invalid public key" wording under `prefix`. */
export function keyOrReject(der: Uint8Array, ctx: VerifierContext, prefix: string): Verifier {
  try {
    return parsePublicKey(der, ctx);
  } catch (e) {
    throw new AuthError(`${prefix}: Invalid public key: ${describe(e)} (key ${toHex(der)})`);
  }
}

export async function verifyOrReject(
  v: Verifier,
  message: Uint8Array,
  sig: Uint8Array,
  prefix: string,
): Promise<void> {
  try {
    await v.verify(message, sig);
  } catch (e) {
    if (!(e instanceof SignatureError)) throw e;
    throw new AuthError(`${prefix}: ${errorCategory(v.scheme)}: ${e.message}`);
  }
}

function intersect(a: Uint8Array[] | undefined, b: Uint8Array[]): Uint8Array[] {
  if (a === undefined) return dedupe(b);
  return a.filter((x) => b.some((y) => bytesEqual(x, y)));
}

function dedupe(list: Uint8Array[]): Uint8Array[] {
  return [...list].sort(compareBytes).filter((x, i, s) => i === 0 || !bytesEqual(x, s[i - 1]));
}

export interface ChainResult {
  signingKey: Uint8Array;
  /** undefined = all canisters. */
  targets?: Uint8Array[];
}

export async function validateDelegations(
  senderPubkey: Uint8Array,
  chain: SignedDelegation[],
  now: bigint,
  ctx: VerifierContext,
): Promise<ChainResult> {
  if (chain.length > MAXIMUM_NUMBER_OF_DELEGATIONS) {
    throw new AuthError(
      `Invalid delegation: Chain of delegations is too long: got ${chain.length} delegations, but at most ${MAXIMUM_NUMBER_OF_DELEGATIONS} are allowed.`,
    );
  }
  for (const { delegation } of chain) {
    const expiration = BigInt(delegation.expiration);
    if (expiration < now) {
      throw new AuthError(
        `Invalid delegation expiry: Specified sender delegation has expired:\nProvided expiry:    ${formatIcTime(expiration)}\nLocal replica time: ${formatIcTime(now)}`,
      );
    }
  }
  const seen = [senderPubkey];
  for (const { delegation } of chain) {
    if (seen.some((k) => bytesEqual(k, delegation.pubkey))) {
      throw new AuthError(
        `Invalid delegation: Chain of delegations contains at least one cycle: first repeating public key encountered ${toHex(delegation.pubkey)}`,
      );
    }
    seen.push(delegation.pubkey);
  }
  for (const { delegation } of chain) {
    const n = delegation.targets?.length ?? 0;
    if (n > MAXIMUM_NUMBER_OF_TARGETS_PER_DELEGATION) {
      throw new AuthError(
        `Invalid delegation: Delegation target error: expected at most ${MAXIMUM_NUMBER_OF_TARGETS_PER_DELEGATION} targets per delegation, but got ${n}`,
      );
    }
  }
  let key = senderPubkey;
  let targets: Uint8Array[] | undefined;
  for (const { delegation, signature } of chain) {
    const verifier = keyOrReject(key, ctx, 'Invalid delegation');
    await verifyOrReject(
      verifier,
      concatBytes(DELEGATION_SEPARATOR, delegationHash(delegation)),
      signature,
      'Invalid delegation',
    );
    if (delegation.targets !== undefined) targets = intersect(targets, delegation.targets);
    key = delegation.pubkey;
  }
  return { signingKey: key, targets };
}
