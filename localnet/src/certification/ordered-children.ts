/**
 * The children of one subtree, kept as a treap ordered by label with cached hashes.
 *
 * Why a treap: its shape depends only on the set of labels (each label's priority is a hash of the
 * label), so the root hash is a pure function of the contents, whatever the order of updates; its
 * expected depth is O(log n), so an update re-hashes O(log n) nodes and a witness for one label
 * holds O(log n) pruned hashes, flat enough for 100k+ request statuses.
 *
 * Hash-tree shape of an entry with label `l`, child `c`, and subtrees L and R (either may be absent):
 *   fork(fork(L, labeled(l, c)), R)
 * so an in-order walk of the fork leaves lists the labeled children sorted by label, as lookups
 * in the interface specification (and @dfinity/agent's `find_label`) require.
 */
import { hashFork, hashLabeled } from './hash-tree.js';
import { compareLabels } from './label.js';
import { nodeHash, type Entry, type StateNode } from './state-node.js';

/** Priority of a label: FNV-1a then the murmur3 finaliser (cheap, well mixed, deterministic). */
export function rankOf(label: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label[i];
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Total order on priorities; ties (rare) broken by label so the shape stays unique. */
function outranks(a: Entry, b: Entry): boolean {
  return a.rank > b.rank || (a.rank === b.rank && compareLabels(a.label, b.label) < 0);
}

/** The hash of an entry's fork structure from its parts. */
export function combineHashes(
  left: Entry | null,
  labeledHash: Uint8Array,
  right: Entry | null,
): Uint8Array {
  const inner = left ? hashFork(left.hash, labeledHash) : labeledHash;
  return right ? hashFork(inner, right.hash) : inner;
}

function refresh(e: Entry): void {
  e.hash = combineHashes(e.left, e.labeledHash, e.right);
}

function newEntry(label: Uint8Array, child: StateNode): Entry {
  const labeledHash = hashLabeled(label, nodeHash(child));
  return {
    label,
    rank: rankOf(label),
    child,
    left: null,
    right: null,
    labeledHash,
    hash: labeledHash,
  };
}

/** Joins two treaps where every label of `a` is below every label of `b`. */
function join(a: Entry | null, b: Entry | null): Entry | null {
  if (!a) return b;
  if (!b) return a;
  if (outranks(a, b)) {
    a.right = join(a.right, b);
    refresh(a);
    return a;
  }
  b.left = join(a, b.left);
  refresh(b);
  return b;
}

/** Returned by a modifier to say nothing changed, so no hash is recomputed. */
export const UNCHANGED: unique symbol = Symbol('unchanged');

/**
 * Given the current child (or undefined), returns the new child, undefined to remove it, or
 * UNCHANGED. It may mutate the child in place (a nested subtree) and return it.
 */
export type Modifier = (current: StateNode | undefined) => StateNode | undefined | typeof UNCHANGED;

export interface ModifyResult {
  root: Entry | null;
  changed: boolean;
  /** +1 inserted, -1 removed, 0 otherwise. */
  sizeDelta: number;
}

/** Inserts, replaces, updates or removes the child at `label`; re-hashes only the search path. */
export function modify(root: Entry | null, label: Uint8Array, fn: Modifier): ModifyResult {
  let changed = true;
  let sizeDelta = 0;

  const go = (node: Entry | null): Entry | null => {
    if (!node) {
      const child = fn(undefined);
      if (child === UNCHANGED || child === undefined) {
        changed = false;
        return null;
      }
      sizeDelta = 1;
      return newEntry(label, child);
    }
    const c = compareLabels(label, node.label);
    if (c === 0) {
      const child = fn(node.child);
      if (child === UNCHANGED) {
        changed = false;
        return node;
      }
      if (child === undefined) {
        sizeDelta = -1;
        return join(node.left, node.right);
      }
      node.child = child;
      node.labeledHash = hashLabeled(node.label, nodeHash(child));
      refresh(node);
      return node;
    }
    if (c < 0) {
      const left = go(node.left);
      if (!changed) return node;
      node.left = left;
      if (left && outranks(left, node)) {
        // rotate right: the new entry bubbles up
        node.left = left.right;
        refresh(node);
        left.right = node;
        refresh(left);
        return left;
      }
      refresh(node);
      return node;
    }
    const right = go(node.right);
    if (!changed) return node;
    node.right = right;
    if (right && outranks(right, node)) {
      // rotate left
      node.right = right.left;
      refresh(node);
      right.left = node;
      refresh(right);
      return right;
    }
    refresh(node);
    return node;
  };

  const newRoot = go(root);
  return { root: newRoot, changed, sizeDelta };
}

/** The entry with exactly this label, if any. */
export function find(root: Entry | null, label: Uint8Array): Entry | undefined {
  let node = root;
  while (node) {
    const c = compareLabels(label, node.label);
    if (c === 0) return node;
    node = c < 0 ? node.left : node.right;
  }
  return undefined;
}

/** The entries just below and just above `label` (which is assumed absent). */
export function neighbours(
  root: Entry | null,
  label: Uint8Array,
): { below?: Entry; above?: Entry } {
  let below: Entry | undefined;
  let above: Entry | undefined;
  let node = root;
  while (node) {
    const c = compareLabels(label, node.label);
    if (c === 0) return { below: node, above: node };
    if (c < 0) {
      above = node;
      node = node.left;
    } else {
      below = node;
      node = node.right;
    }
  }
  return { below, above };
}

/** Visits entries in label order. */
export function forEachEntry(root: Entry | null, visit: (e: Entry) => void): void {
  // Iterative in-order walk: subtrees can be large, recursion would only cost stack.
  const stack: Entry[] = [];
  let node = root;
  while (node || stack.length) {
    while (node) {
      stack.push(node);
      node = node.left;
    }
    const e = stack.pop()!;
    visit(e);
    node = e.right;
  }
}

/** Height of the treap (for tests and benchmarks). */
export function height(root: Entry | null): number {
  return root ? 1 + Math.max(height(root.left), height(root.right)) : 0;
}
