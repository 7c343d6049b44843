// Hash trees in the interface spec's array form, as the certificate carries them. Private to
// http/ so this folder stands alone; the shape matches what src/certification/ uses.
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8 } from './bytes.js';

export type HashTree =
  [0] | [1, HashTree, HashTree] | [2, Uint8Array, HashTree] | [3, Uint8Array] | [4, Uint8Array];

const sep = (name: string): Uint8Array => concatBytes([Uint8Array.of(name.length), utf8(name)]);
const SEP_EMPTY = sep('ic-hashtree-empty');
const SEP_FORK = sep('ic-hashtree-fork');
const SEP_LABELED = sep('ic-hashtree-labeled');
const SEP_LEAF = sep('ic-hashtree-leaf');

export const EMPTY_HASH = sha256(SEP_EMPTY);
export const forkHash = (l: Uint8Array, r: Uint8Array): Uint8Array =>
  sha256(concatBytes([SEP_FORK, l, r]));
export const labeledHash = (label: Uint8Array, sub: Uint8Array): Uint8Array =>
  sha256(concatBytes([SEP_LABELED, label, sub]));
export const leafHash = (value: Uint8Array): Uint8Array => sha256(concatBytes([SEP_LEAF, value]));

/** The root hash a (pruned) tree stands for. */
export function reconstruct(t: HashTree): Uint8Array {
  switch (t[0]) {
    case 0:
      return EMPTY_HASH;
    case 1:
      return forkHash(reconstruct(t[1]), reconstruct(t[2]));
    case 2:
      return labeledHash(t[1], reconstruct(t[2]));
    case 3:
      return leafHash(t[1]);
    case 4:
      return t[1];
  }
}
