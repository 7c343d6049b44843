/** The nodes of a state tree: a leaf holds a value, a subtree holds labeled children. */
import { EMPTY_HASH } from './hash-tree.js';
import type { Entry } from './ordered-children.js';

export interface LeafNode {
  readonly kind: 'leaf';
  readonly value: Uint8Array;
  /** Cached hash of the leaf, computed once when the value is set. */
  readonly hash: Uint8Array;
}

export interface SubtreeNode {
  readonly kind: 'subtree';
  /** Root of the balanced tree of children, or null when there are none. */
  root: Entry | null;
  /** Number of children. */
  size: number;
}

export type StateNode = LeafNode | SubtreeNode;

export function newSubtree(): SubtreeNode {
  return { kind: 'subtree', root: null, size: 0 };
}

/** The hash of a node; O(1) because subtree hashes are cached in their entries. */
export function nodeHash(node: StateNode): Uint8Array {
  if (node.kind === 'leaf') return node.hash;
  return node.root ? node.root.hash : EMPTY_HASH;
}
