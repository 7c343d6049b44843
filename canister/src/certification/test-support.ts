/** Helpers for this folder's and delegation/'s tests only (Node: never imported by canister code). */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { HashTree } from './hash-tree.js';

export const nodeSha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

export const hexBytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
export const asHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Arbitrary hash trees (any shape, not necessarily well-formed) of bounded depth. */
export const arbHashTree: fc.Arbitrary<HashTree> = fc.letrec<{ tree: HashTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<HashTree>([0]),
    fc.uint8Array({ maxLength: 40 }).map((v): HashTree => [3, v]),
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((h): HashTree => [4, h]),
    fc.tuple(tie('tree'), tie('tree')).map(([l, r]): HashTree => [1, l, r]),
    fc.tuple(fc.uint8Array({ maxLength: 8 }), tie('tree')).map(([l, t]): HashTree => [2, l, t]),
  ),
})).tree;

/** Converts a CBOR-decoded hash tree (numbers and byte strings) into a typed HashTree. */
export function asHashTree(v: unknown): HashTree {
  const a = v as unknown[];
  switch (a[0]) {
    case 0:
      return [0];
    case 1:
      return [1, asHashTree(a[1]), asHashTree(a[2])];
    case 2:
      return [2, a[1] as Uint8Array, asHashTree(a[2])];
    case 3:
      return [3, a[1] as Uint8Array];
    case 4:
      return [4, a[1] as Uint8Array];
    default:
      throw new Error(`not a hash tree node: ${String(a[0])}`);
  }
}
