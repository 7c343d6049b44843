/**
 * Hash trees in the CBOR array form of the interface specification ("Encoding of certificates"),
 * which is also the `HashTree` type @dfinity/agent decodes, plus their hashes.
 */
import { createHash, hash } from 'node:crypto';

export const HashTreeNode = { Empty: 0, Fork: 1, Labeled: 2, Leaf: 3, Pruned: 4 } as const;

export type EmptyTree = [0];
export type ForkTree = [1, HashTree, HashTree];
export type LabeledTree = [2, Uint8Array, HashTree];
export type LeafTree = [3, Uint8Array];
export type PrunedTree = [4, Uint8Array];
export type HashTree = EmptyTree | ForkTree | LabeledTree | LeafTree | PrunedTree;

export const empty = (): EmptyTree => [0];
export const fork = (left: HashTree, right: HashTree): ForkTree => [1, left, right];
export const labeled = (label: Uint8Array, subtree: HashTree): LabeledTree => [2, label, subtree];
export const leaf = (value: Uint8Array): LeafTree => [3, value];
export const pruned = (hash: Uint8Array): PrunedTree => [4, hash];

/** A domain separator: one length byte, then the ASCII name. */
export function domainSeparator(name: string): Buffer {
  return Buffer.concat([Buffer.from([name.length]), Buffer.from(name, 'ascii')]);
}

const EMPTY_SEP = domainSeparator('ic-hashtree-empty');
const FORK_SEP = domainSeparator('ic-hashtree-fork');
const LABELED_SEP = domainSeparator('ic-hashtree-labeled');
const LEAF_SEP = domainSeparator('ic-hashtree-leaf');

/** The hash of an empty tree; a constant, computed once. */
export const EMPTY_HASH: Uint8Array = createHash('sha256').update(EMPTY_SEP).digest();

// Node's one-shot sha256 over a reused scratch buffer: for these small inputs the per-call cost
// dominates, and this is ~2x faster than createHash().update()... (see bench/).
const INCREMENTAL_ABOVE = 4096;
let scratch = Buffer.allocUnsafe(512);

function sha256Of(sep: Uint8Array, a: Uint8Array, b?: Uint8Array): Uint8Array {
  const len = sep.length + a.length + (b ? b.length : 0);
  if (len > INCREMENTAL_ABOVE) {
    const h = createHash('sha256').update(sep).update(a);
    if (b) h.update(b);
    return h.digest();
  }
  if (len > scratch.length) scratch = Buffer.allocUnsafe(INCREMENTAL_ABOVE);
  scratch.set(sep, 0);
  scratch.set(a, sep.length);
  if (b) scratch.set(b, sep.length + a.length);
  // hash() returns a fresh buffer, so reusing the scratch is safe.
  return hash('sha256', scratch.subarray(0, len), 'buffer');
}

export function hashFork(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256Of(FORK_SEP, left, right);
}

export function hashLabeled(label: Uint8Array, subtreeHash: Uint8Array): Uint8Array {
  return sha256Of(LABELED_SEP, label, subtreeHash);
}

export function hashLeaf(value: Uint8Array): Uint8Array {
  return sha256Of(LEAF_SEP, value);
}

/** The root hash of a hash tree ("reconstruct" in the specification). Recursion depth = tree depth. */
export function reconstruct(tree: HashTree): Uint8Array {
  switch (tree[0]) {
    case 0:
      return EMPTY_HASH;
    case 1:
      return hashFork(reconstruct(tree[1]), reconstruct(tree[2]));
    case 2:
      return hashLabeled(tree[1], reconstruct(tree[2]));
    case 3:
      return hashLeaf(tree[1]);
    case 4:
      return tree[1];
  }
}
