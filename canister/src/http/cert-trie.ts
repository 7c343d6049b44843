// A static labeled trie (the asset side of certified data) with every digest computed once at
// build, and witnesses that prove presence of some paths and ABSENCE of others: a v2 fallback
// response is only accepted when the gateway can see that no exact or more specific wildcard path
// exists (ic-response-verification treats "pruned" as "might exist").
import { compareBytes, utf8 } from '../bytes.js';
import {
  hashEmpty,
  hashFork,
  hashLabeled,
  hashLeaf,
  type HashTree,
} from '../certification/hash-tree.js';

export type Label = string | Uint8Array;
const labelBytes = (l: Label): Uint8Array => (typeof l === 'string' ? utf8(l) : l);

interface Node {
  value?: Uint8Array;
  children: { label: Uint8Array; node: Node }[];
  /** Hash of this node's tree (leaf hash, or the root of its balanced forks). */
  hash: Uint8Array;
  /** Balanced fork structure over `children`, hashes included. */
  forks?: ForkRange;
}

interface ForkRange {
  lo: number;
  hi: number;
  hash: Uint8Array;
  left?: ForkRange;
  right?: ForkRange;
}

export class TrieBuilder {
  readonly #root: Node = { children: [], hash: hashEmpty() };

  /** Sets a leaf; a path may not run through a leaf or end at an inner node. */
  insert(path: readonly Label[], value: Uint8Array): this {
    let node = this.#root;
    for (const raw of path) {
      if (node.value) throw new Error('cert-trie: path runs through a leaf');
      const label = labelBytes(raw);
      let child = node.children.find((c) => compareBytes(c.label, label) === 0);
      if (!child) {
        child = { label, node: { children: [], hash: hashEmpty() } };
        node.children.push(child);
      }
      node = child.node;
    }
    if (node.children.length > 0) throw new Error('cert-trie: leaf on an inner node');
    node.value = value;
    return this;
  }

  /** Freezes the trie: sorts labels and hashes every node once. */
  build(): CertTrie {
    seal(this.#root);
    return new CertTrie(this.#root);
  }
}

function seal(node: Node): void {
  if (node.value) {
    node.hash = hashLeaf(node.value);
    return;
  }
  node.children.sort((a, b) => compareBytes(a.label, b.label));
  for (const c of node.children) seal(c.node);
  node.forks = node.children.length > 0 ? forkRange(node, 0, node.children.length) : undefined;
  node.hash = node.forks ? node.forks.hash : hashEmpty();
}

// Same split as the IC's balanced label trees: left half gets the extra element.
function forkRange(node: Node, lo: number, hi: number): ForkRange {
  if (hi - lo === 1) {
    const c = node.children[lo];
    return { lo, hi, hash: hashLabeled(c.label, c.node.hash) };
  }
  const mid = lo + Math.ceil((hi - lo) / 2);
  const left = forkRange(node, lo, mid);
  const right = forkRange(node, mid, hi);
  return { lo, hi, hash: hashFork(left.hash, right.hash), left, right };
}

function findIndex(children: Node['children'], label: Uint8Array): { found: boolean; at: number } {
  let lo = 0;
  let hi = children.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareBytes(children[mid].label, label);
    if (c === 0) return { found: true, at: mid };
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return { found: false, at: lo };
}

export class CertTrie {
  readonly #root: Node;
  constructor(root: Node) {
    this.#root = root;
  }

  get rootHash(): Uint8Array {
    return this.#root.hash;
  }

  /** The leaf value at `path`, if there is one. */
  get(path: readonly Label[]): Uint8Array | undefined {
    let node = this.#root;
    for (const l of path) {
      const { found, at } = findIndex(node.children, labelBytes(l));
      if (!found) return undefined;
      node = node.children[at].node;
    }
    return node.value;
  }

  /** Whether a leaf or inner node exists at `path`. */
  has(path: readonly Label[]): boolean {
    let node = this.#root;
    for (const l of path) {
      const { found, at } = findIndex(node.children, labelBytes(l));
      if (!found) return false;
      node = node.children[at].node;
    }
    return true;
  }

  /**
   * A pruned tree revealing, for each path, either its whole subtree (when it exists) or a
   * proof that it is absent (the neighbouring labels at the first missing step).
   */
  witness(paths: readonly (readonly Label[])[]): HashTree {
    return witnessNode(
      this.#root,
      paths.map((p) => p.map(labelBytes)),
    );
  }
}

function fullTree(node: Node): HashTree {
  if (node.value) return [3, node.value];
  if (!node.forks) return [0];
  const build = (r: ForkRange): HashTree => {
    if (!r.left || !r.right) {
      const c = node.children[r.lo];
      return [2, c.label, fullTree(c.node)];
    }
    return [1, build(r.left), build(r.right)];
  };
  return build(node.forks);
}

function witnessNode(node: Node, paths: Uint8Array[][]): HashTree {
  if (node.value || paths.some((p) => p.length === 0)) return fullTree(node);
  if (!node.forks) return [0];
  // Per revealed child: the rest of the paths that go through it (empty = label only).
  const reveal = new Map<number, Uint8Array[][]>();
  const want = (i: number, rest?: Uint8Array[]): void => {
    if (i < 0 || i >= node.children.length) return;
    const list = reveal.get(i) ?? [];
    if (rest) list.push(rest);
    reveal.set(i, list);
  };
  for (const p of paths) {
    const { found, at } = findIndex(node.children, p[0]);
    if (found) want(at, p.slice(1));
    else {
      want(at - 1);
      want(at);
    }
  }
  const build = (r: ForkRange): HashTree => {
    let any = false;
    for (const i of reveal.keys()) if (i >= r.lo && i < r.hi) any = true;
    if (!any) return [4, r.hash];
    if (!r.left || !r.right) {
      const c = node.children[r.lo];
      const rest = reveal.get(r.lo)!;
      return [2, c.label, rest.length > 0 ? witnessNode(c.node, rest) : [4, c.node.hash]];
    }
    return [1, build(r.left), build(r.right)];
  };
  return build(node.forks);
}
