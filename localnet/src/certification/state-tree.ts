/**
 * A mutable state tree (the IC's "system state tree") with cached hashes: an update re-hashes only
 * the nodes on its path, so `rootHash()` is O(1) and an update O(depth · log children).
 */
import { CertificationError } from './errors.js';
import { hashLeaf, type HashTree, pruned } from './hash-tree.js';
import { labelBytes, type Label } from './label.js';
import { find, forEachEntry, modify, UNCHANGED, type Modifier } from './ordered-children.js';
import {
  newSubtree,
  nodeHash,
  type LeafNode,
  type StateNode,
  type SubtreeNode,
} from './state-node.js';
import { buildRequest, revealAll, witnessNode, type WitnessOptions } from './witness.js';

export type Path = readonly Label[];

export class StateTree {
  readonly #root: SubtreeNode = newSubtree();

  /**
   * Sets the leaf at `path`, creating missing subtrees on the way.
   * @throws CertificationError if the path is empty, runs through a leaf, or names a subtree.
   */
  set(path: Path, value: Uint8Array): void {
    if (path.length === 0) throw new CertificationError('II_ERR_CERT_PATH_EMPTY');
    const labels = path.map(labelBytes);
    update(this.#root, labels, 0, true, (current) => {
      if (current?.kind === 'subtree') {
        throw new CertificationError('II_ERR_CERT_PATH_IS_SUBTREE', describe(path));
      }
      // Same bytes: skip re-hashing the whole path.
      if (current && Buffer.compare(current.value, value) === 0) return UNCHANGED;
      const node: LeafNode = { kind: 'leaf', value, hash: hashLeaf(value) };
      return node;
    });
  }

  /**
   * Removes the leaf or whole subtree at `path`. Parents are kept, even when left empty.
   * @returns whether something was removed.
   */
  delete(path: Path): boolean {
    if (path.length === 0) throw new CertificationError('II_ERR_CERT_PATH_EMPTY');
    let removed = false;
    update(this.#root, path.map(labelBytes), 0, false, (current) => {
      if (!current) return UNCHANGED;
      removed = true;
      return undefined;
    });
    return removed;
  }

  /** The leaf value at `path`; undefined if absent or a subtree. */
  get(path: Path): Uint8Array | undefined {
    const node = this.#node(path);
    return node?.kind === 'leaf' ? node.value : undefined;
  }

  /** Whether a leaf or subtree exists at `path` (the empty path is the root). */
  has(path: Path): boolean {
    return this.#node(path) !== undefined;
  }

  /** The labels of the children of the subtree at `path`, in order; [] for a leaf or absent path. */
  labels(path: Path = []): Uint8Array[] {
    const node = this.#node(path);
    const out: Uint8Array[] = [];
    if (node?.kind === 'subtree') forEachEntry(node.root, (e) => out.push(e.label));
    return out;
  }

  /** Number of children of the subtree at `path`; 0 for a leaf or absent path. */
  size(path: Path = []): number {
    const node = this.#node(path);
    return node?.kind === 'subtree' ? node.size : 0;
  }

  rootHash(): Uint8Array {
    return nodeHash(this.#root);
  }

  /**
   * A pruned tree revealing exactly `paths` (see witness.ts); its reconstructed hash is
   * `rootHash()`. `[[]]` reveals everything; `[]` reveals nothing.
   */
  witness(paths: readonly Path[], options?: WitnessOptions): HashTree {
    if (paths.length === 0) return pruned(this.rootHash());
    const request = buildRequest(paths);
    return request.whole ? revealAll(this.#root) : witnessNode(this.#root, request, options);
  }

  #node(path: Path): StateNode | undefined {
    let node: StateNode = this.#root;
    for (const raw of path) {
      if (node.kind === 'leaf') return undefined;
      const entry = find(node.root, labelBytes(raw));
      if (!entry) return undefined;
      node = entry.child;
    }
    return node;
  }
}

/**
 * Applies `last` to the child at labels[depth..]. With `create`, missing subtrees are created and a
 * leaf on the way is an error; without, the update stops there. Returns whether anything changed.
 */
function update(
  sub: SubtreeNode,
  labels: Uint8Array[],
  depth: number,
  create: boolean,
  last: Modifier,
): boolean {
  const fn: Modifier =
    depth === labels.length - 1
      ? last
      : (current) => {
          if (current === undefined) {
            if (!create) return UNCHANGED;
            const fresh = newSubtree();
            update(fresh, labels, depth + 1, create, last);
            return fresh;
          }
          if (current.kind === 'leaf') {
            if (!create) return UNCHANGED;
            throw new CertificationError(
              'II_ERR_CERT_PATH_THROUGH_LEAF',
              describe(labels.slice(0, depth + 1)),
            );
          }
          return update(current, labels, depth + 1, create, last) ? current : UNCHANGED;
        };
  const result = modify(sub.root, labels[depth], fn);
  sub.root = result.root;
  sub.size += result.sizeDelta;
  return result.changed;
}

function describe(path: Path): string {
  const text = path.map((l) => {
    if (typeof l === 'string') return l;
    const s = Buffer.from(l).toString('utf8');
    return /^[\x20-\x7e]*$/.test(s) ? s : Buffer.from(l).toString('hex');
  });
  return '/' + text.join('/');
}
