/**
 * The nodes of a state tree: a leaf holds a value, a subtree holds labeled children, kept as a
 * treap of entries (ordered-children.ts). The types are mutually recursive, so they live together.
 */
import { EMPTY_HASH } from './hash-tree.js';

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

/** One child of a subtree: a node of the treap ordered by label (see ordered-children.ts). */
export interface Entry {
  readonly label: Uint8Array;
  /** Heap priority, derived from the label only. */
  readonly rank: number;
  child: StateNode;
  left: Entry | null;
  right: Entry | null;
  /** hash(labeled(label, child)) */
  labeledHash: Uint8Array;
  /** Hash of this entry's whole fork structure (left, itself, right). */
  hash: Uint8Array;
}

export function newSubtree(): SubtreeNode {
  return { kind: 'subtree', root: null, size: 0 };
}

/** The hash of a node; O(1) because subtree hashes are cached in their entries. */
export function nodeHash(node: StateNode): Uint8Array {
  if (node.kind === 'leaf') return node.hash;
  return node.root ? node.root.hash : EMPTY_HASH;
}
