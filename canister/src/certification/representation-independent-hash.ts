/**
 * The interface spec's representation-independent hash of a map ("Request ids"): each entry
 * contributes SHA-256(key) ‖ H(value); the entries are sorted byte-wise, concatenated and hashed.
 * H(blob) = SHA-256(bytes), H(text) = SHA-256(UTF-8), H(nat) = SHA-256(LEB128), H(array) =
 * SHA-256(concatenation of the elements' H). `undefined` values are absent fields (e.g. `targets`).
 */
import { compareBytes, concatBytes, utf8 } from '../bytes.js';
import { encodeLeb128 } from './leb128.js';
import { sha256 } from './sha256.js';

export type RihValue = Uint8Array | string | bigint | readonly RihValue[];
export type RihMap = Readonly<Record<string, RihValue | undefined>>;

function hashValue(v: RihValue): Uint8Array {
  if (v instanceof Uint8Array) return sha256(v);
  if (typeof v === 'string') return sha256(utf8(v));
  if (typeof v === 'bigint') return sha256(encodeLeb128(v));
  return sha256(...v.map(hashValue));
}

export function representationIndependentHash(map: RihMap): Uint8Array {
  const pairs: [string, RihValue][] = [];
  for (const [key, value] of Object.entries(map)) if (value !== undefined) pairs.push([key, value]);
  return representationIndependentHashOfPairs(pairs);
}

/** The same over key/value pairs, where a key may repeat (HTTP response headers). */
export function representationIndependentHashOfPairs(
  pairs: readonly (readonly [string, RihValue])[],
): Uint8Array {
  const entries = pairs.map(([key, value]) => concatBytes([sha256(utf8(key)), hashValue(value)]));
  entries.sort(compareBytes);
  return sha256(...entries);
}
