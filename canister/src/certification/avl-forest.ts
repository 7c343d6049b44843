/**
 * The labeled children of one subtree, kept as an AVL tree ordered by label bytes with cached hashes.
 *
 * Why AVL: its height is at most ~1.44·log2(n), whatever the labels. Labels here are hashes of
 * caller-chosen data (session keys), so a shape that depends on label values (a treap keyed by a
 * hash of the label) could be ground into a deep path by an attacker; AVL's bound is worst case.
 * An update re-hashes only the nodes on its search path (plus the ≤2 nodes of each rotation), and a
 * witness for one label holds O(log n) pruned hashes.
 *
 * Hash-tree shape of a node with label l, child c and subtrees L, R (either may be absent), as II's
 * RbTree (ic-certified-map) builds it:
 *   none: labeled(l, c)   L only: fork(L, labeled(l, c))   R only: fork(labeled(l, c), R)
 *   both: fork(L, fork(labeled(l, c), R))
 * An in-order walk of the fork leaves lists the labels in increasing order, which the spec's
 * lookup (and the well-formedness check) require.
 */
import { compareBytes } from '../bytes.js';
import { fork, hashFork, hashLabeled, type HashTree } from './hash-tree.js';

export interface AvlNode<C> {
  readonly label: Uint8Array;
  child: C;
  left: AvlNode<C> | null;
  right: AvlNode<C> | null;
  height: number;
  /** hash(labeled(label, child)): only changes when the child does. */
  labeledHash: Uint8Array;
  /** Hash of the node's whole fork structure (left, itself, right). */
  hash: Uint8Array;
}

/** Returned by a modifier to leave the entry as it is (nothing is re-hashed). */
export const UNCHANGED: unique symbol = Symbol('unchanged');

/**
 * Decides the new child of `label` given the current one (undefined when absent): a child to set,
 * `undefined` to delete the entry, or UNCHANGED.
 */
export type Modifier<C> = (current: C | undefined) => C | undefined | typeof UNCHANGED;

export interface ModifyResult<C> {
  root: AvlNode<C> | null;
  changed: boolean;
  /** +1 added, -1 removed, 0 otherwise. */
  sizeDelta: number;
}

const heightOf = <C>(n: AvlNode<C> | null): number => (n ? n.height : 0);

/** Recomputes height and the fork hash of `n` from its (already up to date) children: ≤2 hashes. */
function refresh<C>(n: AvlNode<C>): AvlNode<C> {
  n.height = 1 + Math.max(heightOf(n.left), heightOf(n.right));
  const withRight = n.right ? hashFork(n.labeledHash, n.right.hash) : n.labeledHash;
  n.hash = n.left ? hashFork(n.left.hash, withRight) : withRight;
  return n;
}

function rotateRight<C>(y: AvlNode<C>): AvlNode<C> {
  const x = y.left!;
  y.left = x.right;
  x.right = refresh(y);
  return refresh(x);
}

function rotateLeft<C>(x: AvlNode<C>): AvlNode<C> {
  const y = x.right!;
  x.right = y.left;
  y.left = refresh(x);
  return refresh(y);
}

/** Restores the AVL balance at `n` (whose subtrees are balanced) and refreshes its hash. */
function rebalance<C>(n: AvlNode<C>): AvlNode<C> {
  const balance = heightOf(n.left) - heightOf(n.right);
  if (balance > 1) {
    if (heightOf(n.left!.left) < heightOf(n.left!.right)) n.left = rotateLeft(n.left!);
    return rotateRight(n);
  }
  if (balance < -1) {
    if (heightOf(n.right!.right) < heightOf(n.right!.left)) n.right = rotateRight(n.right!);
    return rotateLeft(n);
  }
  return refresh(n);
}

function removeMin<C>(n: AvlNode<C>): { min: AvlNode<C>; rest: AvlNode<C> | null } {
  if (!n.left) return { min: n, rest: n.right };
  const { min, rest } = removeMin(n.left);
  n.left = rest;
  return { min, rest: rebalance(n) };
}

function removeNode<C>(n: AvlNode<C>): AvlNode<C> | null {
  if (!n.left) return n.right;
  if (!n.right) return n.left;
  const { min, rest } = removeMin(n.right);
  min.left = n.left;
  min.right = rest;
  return rebalance(min);
}

/**
 * Applies `fn` to the entry `label` below `root`; `childHash` gives the hash of a child value.
 * Nodes are mutated in place; only the search path (and rotated nodes) are re-hashed.
 */
export function modify<C>(
  root: AvlNode<C> | null,
  label: Uint8Array,
  fn: Modifier<C>,
  childHash: (c: C) => Uint8Array,
): ModifyResult<C> {
  if (!root) {
    const next = fn(undefined);
    if (next === UNCHANGED || next === undefined) return { root, changed: false, sizeDelta: 0 };
    const labeledHash = hashLabeled(label, childHash(next));
    const node: AvlNode<C> = {
      label,
      child: next,
      left: null,
      right: null,
      height: 1,
      labeledHash,
      hash: labeledHash,
    };
    return { root: node, changed: true, sizeDelta: 1 };
  }
  const c = compareBytes(label, root.label);
  if (c !== 0) {
    const side = c < 0 ? 'left' : 'right';
    const r = modify(root[side], label, fn, childHash);
    if (!r.changed) return { root, changed: false, sizeDelta: 0 };
    root[side] = r.root;
    return { root: rebalance(root), changed: true, sizeDelta: r.sizeDelta };
  }
  const next = fn(root.child);
  if (next === UNCHANGED) return { root, changed: false, sizeDelta: 0 };
  if (next === undefined) return { root: removeNode(root), changed: true, sizeDelta: -1 };
  root.child = next;
  root.labeledHash = hashLabeled(root.label, childHash(next));
  return { root: refresh(root), changed: true, sizeDelta: 0 };
}

export function find<C>(root: AvlNode<C> | null, label: Uint8Array): AvlNode<C> | null {
  let n = root;
  while (n) {
    const c = compareBytes(label, n.label);
    if (c === 0) return n;
    n = c < 0 ? n.left : n.right;
  }
  return null;
}

/** Builds the hash-tree shape of one node (see the file comment) from its three parts. */
export function nodeShape(left: HashTree | null, self: HashTree, right: HashTree | null): HashTree {
  const withRight = right ? fork(self, right) : self;
  return left ? fork(left, withRight) : withRight;
}
