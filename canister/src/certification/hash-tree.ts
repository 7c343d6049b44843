/**
 * IC hash trees (interface spec "Certification") in the array form agents CBOR-decode:
 * [0] empty, [1, l, r] fork, [2, label, t] labeled, [3, value] leaf, [4, hash] pruned.
 * Each node kind is hashed with its own domain separator so no two kinds can collide.
 */
import { concatBytes, utf8 } from '../bytes.js';
import { sha256 } from './sha256.js';

export type HashTree =
  [0] | [1, HashTree, HashTree] | [2, Uint8Array, HashTree] | [3, Uint8Array] | [4, Uint8Array];

/** One length byte then the ASCII tag: the IC's domain-separator format (e.g. "\x10ic-hashtree-fork"). */
export function domainSeparator(tag: string): Uint8Array {
  const bytes = utf8(tag);
  return concatBytes([new Uint8Array([bytes.length]), bytes]);
}

const SEP_EMPTY = domainSeparator('ic-hashtree-empty');
const SEP_FORK = domainSeparator('ic-hashtree-fork');
const SEP_LABELED = domainSeparator('ic-hashtree-labeled');
const SEP_LEAF = domainSeparator('ic-hashtree-leaf');

export const empty = (): HashTree => [0];
export const fork = (left: HashTree, right: HashTree): HashTree => [1, left, right];
export const labeled = (label: Uint8Array | string, tree: HashTree): HashTree => [
  2,
  typeof label === 'string' ? utf8(label) : label,
  tree,
];
export const leaf = (value: Uint8Array): HashTree => [3, value];
export const pruned = (hash: Uint8Array): HashTree => [4, hash];

let emptyHash: Uint8Array | undefined;
/** hash([0]); computed once (a constant, but derived rather than pasted). */
export function hashEmpty(): Uint8Array {
  emptyHash ??= sha256(SEP_EMPTY);
  return emptyHash;
}

export function hashFork(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(SEP_FORK, left, right);
}

export function hashLabeled(label: Uint8Array, subtreeHash: Uint8Array): Uint8Array {
  return sha256(SEP_LABELED, label, subtreeHash);
}

export function hashLeaf(value: Uint8Array): Uint8Array {
  return sha256(SEP_LEAF, value);
}

/** The root hash a verifier computes from a (possibly pruned) tree. */
export function reconstruct(t: HashTree): Uint8Array {
  switch (t[0]) {
    case 0:
      return hashEmpty();
    case 1:
      return hashFork(reconstruct(t[1]), reconstruct(t[2]));
    case 2:
      return hashLabeled(t[1], reconstruct(t[2]));
    case 3:
      return hashLeaf(t[1]);
    case 4:
      return t[1];
  }
}
