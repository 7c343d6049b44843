/**
 * What a canister signature on a delegation signs (interface spec "Authentication"):
 *   payload = 0x1A ‖ "ic-request-auth-delegation" ‖ hash_of_map({pubkey, expiration, targets?})
 * The signature map stores SHA-256(payload) under the seed (signature-map.ts).
 */
import { concatBytes } from '../bytes.js';
import { domainSeparator } from '../certification/hash-tree.js';
import { representationIndependentHash } from '../certification/representation-independent-hash.js';
import { sha256 } from '../certification/sha256.js';

/** "\x1Aic-request-auth-delegation" (27 bytes). */
export const DELEGATION_DOMAIN_SEPARATOR = domainSeparator('ic-request-auth-delegation');

export interface DelegationFields {
  /** DER of the session key the delegation is issued to. */
  pubkey: Uint8Array;
  /** Nanoseconds since the epoch. */
  expiration: bigint;
  /** Raw canister ids; II always leaves it out (unscoped delegation). */
  targets?: readonly Uint8Array[];
}

/** Representation-independent hash of the delegation map (5 SHA-256 calls without targets). */
export function delegationHash(d: DelegationFields): Uint8Array {
  return representationIndependentHash({
    pubkey: d.pubkey,
    expiration: d.expiration,
    targets: d.targets,
  });
}

/** The bytes the delegation's signer signs. */
export function delegationSignaturePayload(d: DelegationFields): Uint8Array {
  return concatBytes([DELEGATION_DOMAIN_SEPARATOR, delegationHash(d)]);
}

/** SHA-256(payload): the message label of the signature map. */
export function delegationMessageHash(d: DelegationFields): Uint8Array {
  return sha256(delegationSignaturePayload(d));
}
