/**
 * A mutable labeled hash tree with cached hashes: subtrees nest (path = list of labels), each
 * subtree's children sit in a balanced AVL tree (avl-forest.ts). `rootHash()` is O(1); an insert or
 * delete re-hashes only the nodes on its path, i.e. O(depth · log n) SHA-256 calls. Inside the
 * canister that difference is what keeps prepare_delegation cheap (NOTES: hashing is slow there).
 */
import { bytesEqual, compareBytes, toHex, utf8 } from '../bytes.js';
import { find, modify, nodeShape, UNCHANGED, type AvlNode, type Modifier } from './avl-forest.js';
import { CertificationError } from './errors.js';
import { empty, hashEmpty, hashLeaf, labeled, leaf, pruned, type HashTree } from './hash-tree.js';

export type Label = Uint8Array | string;

interface Leaf {
  readonly kind: 'leaf';
  readonly value: Uint8Array;
  readonly hash: Uint8Array;
}

interface Subtree {
  readonly kind: 'subtree';
  root: AvlNode<TreeNode> | null;
  size: number;
}

type TreeNode = Leaf | Subtree;

const labelBytes = (l: Label): Uint8Array => (typeof l === 'string' ? utf8(l) : l);

function nodeHash(n: TreeNode): Uint8Array {
  if (n.kind === 'leaf') return n.hash;
  return n.root ? n.root.hash : hashEmpty();
}

let emptyLeafHash: Uint8Array | undefined;
/** Leaf hashes; the empty value (every signature-map entry) is hashed once per process. */
function makeLeaf(value: Uint8Array): Leaf {
  if (value.length === 0) {
    emptyLeafHash ??= hashLeaf(value);
    return { kind: 'leaf', value, hash: emptyLeafHash };
  }
  return { kind: 'leaf', value, hash: hashLeaf(value) };
}

const describe = (labels: readonly Uint8Array[]): string => '/' + labels.map(toHex).join('/');

export class LabeledTree {
  readonly #root: Subtree = { kind: 'subtree', root: null, size: 0 };

  /**
   * Sets the leaf at `path` to `value`, creating subtrees on the way. Setting the same bytes again
   * changes nothing and hashes nothing.
   * @throws CertificationError if the path is empty, runs through a leaf or names a subtree.
   */
  insert(path: readonly Label[], value: Uint8Array): void {
    const labels = toLabels(path);
    update(this.#root, labels, 0, true, (current) => {
      if (current?.kind === 'subtree')
        throw new CertificationError('II_ERR_CERT_PATH_IS_SUBTREE', describe(labels));
      if (current && bytesEqual(current.value, value)) return UNCHANGED;
      return makeLeaf(value);
    });
  }

  /**
   * Removes the leaf or subtree at `path`, and every ancestor subtree this leaves empty (so a
   * signature map never certifies an empty seed subtree). Returns whether something was removed.
   */
  delete(path: readonly Label[]): boolean {
    const labels = toLabels(path);
    let removed = false;
    update(this.#root, labels, 0, false, (current) => {
      if (!current) return UNCHANGED;
      removed = true;
      return undefined;
    });
    return removed;
  }

  /** The leaf value at `path`; undefined if absent or a subtree. */
  get(path: readonly Label[]): Uint8Array | undefined {
    const n = this.#find(toLabels(path));
    return n?.kind === 'leaf' ? n.value : undefined;
  }

  /** Number of children of the subtree at `path` (the root by default); 0 for leaves and absence. */
  size(path: readonly Label[] = []): number {
    const n = path.length === 0 ? this.#root : this.#find(path.map(labelBytes));
    return n?.kind === 'subtree' ? n.size : 0;
  }

  /** AVL height of the subtree at `path`'s children (diagnostics, balance tests). */
  height(path: readonly Label[] = []): number {
    const n = path.length === 0 ? this.#root : this.#find(path.map(labelBytes));
    return n?.kind === 'subtree' && n.root ? n.root.height : 0;
  }

  /** Hash of the whole tree (the root is a forest: hash of [0] when empty). O(1). */
  rootHash(): Uint8Array {
    return nodeHash(this.#root);
  }

  /**
   * A pruned tree revealing exactly `path` (and, if it names a subtree, that whole subtree):
   * everything off the path is a pruned hash, so `reconstruct(witness) == rootHash()`.
   * Undefined when the path is absent (callers answer "no such entry"; no absence proofs).
   */
  witness(path: readonly Label[]): HashTree | undefined {
    return witnessSubtree(this.#root, toLabels(path), 0);
  }

  /** The whole tree unpruned (tests and small trees only: its size is the tree's). */
  toHashTree(): HashTree {
    return reveal(this.#root);
  }

  #find(labels: readonly Uint8Array[]): TreeNode | undefined {
    let n: TreeNode = this.#root;
    for (const l of labels) {
      if (n.kind === 'leaf') return undefined;
      const entry: AvlNode<TreeNode> | null = find(n.root, l);
      if (!entry) return undefined;
      n = entry.child;
    }
    return n;
  }
}

function toLabels(path: readonly Label[]): Uint8Array[] {
  if (path.length === 0) throw new CertificationError('II_ERR_CERT_PATH_EMPTY');
  return path.map(labelBytes);
}

/**
 * Applies `last` at labels[depth..] below `sub`; returns whether anything changed. With `create`
 * (insert) missing subtrees are made and a leaf on the way is an error; without (delete) the walk
 * just stops, and a subtree left empty is removed from its parent.
 */
function update(
  sub: Subtree,
  labels: readonly Uint8Array[],
  depth: number,
  create: boolean,
  last: Modifier<TreeNode>,
): boolean {
  const fn: Modifier<TreeNode> =
    depth === labels.length - 1
      ? last
      : (current) => {
          if (!current && !create) return UNCHANGED;
          const child: TreeNode = current ?? { kind: 'subtree', root: null, size: 0 };
          if (child.kind === 'leaf') {
            if (!create) return UNCHANGED;
            throw new CertificationError(
              'II_ERR_CERT_PATH_THROUGH_LEAF',
              describe(labels.slice(0, depth + 1)),
            );
          }
          if (!update(child, labels, depth + 1, create, last)) return UNCHANGED;
          return child.size === 0 ? undefined : child;
        };
  const r = modify(sub.root, labels[depth], fn, nodeHash);
  sub.root = r.root;
  sub.size += r.sizeDelta;
  return r.changed;
}

function witnessSubtree(
  sub: Subtree,
  labels: readonly Uint8Array[],
  depth: number,
): HashTree | undefined {
  const label = labels[depth];
  const walk = (n: AvlNode<TreeNode> | null): HashTree | undefined => {
    if (!n) return undefined;
    const left = n.left ? pruned(n.left.hash) : null;
    const right = n.right ? pruned(n.right.hash) : null;
    const order = compareBytes(label, n.label);
    if (order < 0) {
      const w = walk(n.left);
      return w && nodeShape(w, pruned(n.labeledHash), right);
    }
    if (order > 0) {
      const w = walk(n.right);
      return w && nodeShape(left, pruned(n.labeledHash), w);
    }
    const inner = witnessChild(n.child, labels, depth + 1);
    return inner && nodeShape(left, labeled(n.label, inner), right);
  };
  return walk(sub.root);
}

function witnessChild(
  n: TreeNode,
  labels: readonly Uint8Array[],
  depth: number,
): HashTree | undefined {
  if (depth === labels.length) return reveal(n);
  return n.kind === 'leaf' ? undefined : witnessSubtree(n, labels, depth);
}

function reveal(n: TreeNode): HashTree {
  if (n.kind === 'leaf') return leaf(n.value);
  if (!n.root) return empty();
  const build = (a: AvlNode<TreeNode> | null): HashTree | null =>
    a && nodeShape(build(a.left), labeled(a.label, reveal(a.child)), build(a.right));
  return build(n.root)!;
}
