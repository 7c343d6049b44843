/**
 * The representation-independent hash of the interface specification ("Request ids"), which also
 * hashes signed query responses: sha256 of the sorted concatenation of hash(key) ‖ hash(value).
 */
import { createHash } from 'node:crypto';
import { encodeLeb128 } from './leb128.js';

export type RihValue = string | Uint8Array | bigint | number | readonly RihValue[] | RihMap;
export interface RihMap {
  readonly [key: string]: RihValue | undefined;
}

const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

function hashValue(value: RihValue): Buffer {
  if (typeof value === 'string') return sha256(Buffer.from(value, 'utf8'));
  if (value instanceof Uint8Array) return sha256(value);
  if (typeof value === 'bigint' || typeof value === 'number') return sha256(encodeLeb128(value));
  if (Array.isArray(value)) {
    const h = createHash('sha256');
    for (const v of value as readonly RihValue[]) h.update(hashValue(v));
    return h.digest();
  }
  return representationIndependentHash(value as RihMap);
}

/** Hash of a map; fields whose value is undefined are left out, as optional fields are. */
export function representationIndependentHash(map: RihMap): Buffer {
  const pairs: Buffer[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    pairs.push(Buffer.concat([sha256(Buffer.from(key, 'utf8')), hashValue(value)]));
  }
  pairs.sort(Buffer.compare);
  const h = createHash('sha256');
  for (const p of pairs) h.update(p);
  return h.digest();
}
