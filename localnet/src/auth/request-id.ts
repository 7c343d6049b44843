/** Representation-independent hashing (spec "Request ids"), over the CBOR-decoded form of a request. */
import { hashOfMap } from '@dfinity/agent';
import {
  type RihMap,
  representationIndependentHash,
} from '../certification/representation-independent-hash.js';
import { AuthError } from './errors.js';
import type { Delegation, RequestContent } from './types.js';

/**
 * The request id of a decoded `content` map: blobs, strings, naturals (number or bigint, as
 * LEB128), arrays and nested maps are hashed as the spec says; other values (floats, negatives,
 * booleans, null) have no hash and are rejected.
 */
export function requestId(content: RequestContent): Uint8Array {
  checkHashable(content, 0);
  // The same hash as @dfinity/agent's requestIdOf, with node:crypto's SHA-256 (several times
  // faster than its pure-JS one: this runs for every request).
  return new Uint8Array(representationIndependentHash(content as unknown as RihMap));
}

/** hash_of_map of a delegation: only the fields the IC defines, so unknown fields cannot slip past the signature. */
export function delegationHash(d: Delegation): Uint8Array {
  const map: Record<string, unknown> = { pubkey: d.pubkey, expiration: d.expiration };
  if (d.targets !== undefined) map.targets = d.targets;
  return hashOfMap(map);
}

function checkHashable(v: unknown, depth: number): void {
  if (depth > 32) throw new AuthError('Malformed request: content nested too deeply');
  if (typeof v === 'string' || v instanceof Uint8Array) return;
  if (typeof v === 'bigint' && v >= 0n) return;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return;
  if (Array.isArray(v)) return v.forEach((x) => checkHashable(x, depth + 1));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v)) if (x !== undefined) checkHashable(x, depth + 1);
    return;
  }
  throw new AuthError(
    'Malformed request: content holds a value that has no representation-independent hash',
  );
}
