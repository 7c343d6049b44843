// The little CBOR an HTTP-certifying canister needs: hash trees and expression paths.
import type { HashTree } from './labeled-trie.js';
import { concat } from './labeled-trie.js';

type CborValue = number | Uint8Array | string | CborValue[];

function head(major: number, n: number): Uint8Array {
  const m = major << 5;
  if (n < 24) return Uint8Array.of(m | n);
  if (n < 0x100) return Uint8Array.of(m | 24, n);
  if (n < 0x10000) return Uint8Array.of(m | 25, n >> 8, n & 0xff);
  return Uint8Array.of(m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

export function encodeCbor(v: CborValue): Uint8Array {
  if (typeof v === 'number') return head(0, v);
  if (typeof v === 'string') {
    const bytes = new TextEncoder().encode(v);
    return concat([head(3, bytes.length), bytes]);
  }
  if (v instanceof Uint8Array) return concat([head(2, v.length), v]);
  return concat([head(4, v.length), ...v.map(encodeCbor)]);
}

/** Self-describe tag 55799, as the IC's own encoders emit. */
const SELF_DESCRIBE = Uint8Array.of(0xd9, 0xd9, 0xf7);

function treeValue(t: HashTree): CborValue {
  switch (t.kind) {
    case 'empty':
      return [0];
    case 'fork':
      return [1, treeValue(t.left), treeValue(t.right)];
    case 'labeled':
      return [2, t.label, treeValue(t.subtree)];
    case 'leaf':
      return [3, t.value];
    case 'pruned':
      return [4, t.digest];
  }
}

export function encodeHashTree(t: HashTree, selfDescribe = true): Uint8Array {
  const body = encodeCbor(treeValue(t));
  return selfDescribe ? concat([SELF_DESCRIBE, body]) : body;
}

export { SELF_DESCRIBE };

export function encodeTextArray(items: string[]): Uint8Array {
  return concat([SELF_DESCRIBE, encodeCbor(items)]);
}
