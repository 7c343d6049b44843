// IC hash trees (interface spec "Certificates"): just what a canister needs to certify HTTP assets.
// Pure (no azle imports) so localnet's tests reuse it to forge canned certified responses.
import { sha256 } from '@noble/hashes/sha2';

export type HashTree =
  | { kind: 'empty' }
  | { kind: 'fork'; left: HashTree; right: HashTree }
  | { kind: 'labeled'; label: Uint8Array; subtree: HashTree }
  | { kind: 'leaf'; value: Uint8Array }
  | { kind: 'pruned'; digest: Uint8Array };

const enc = new TextEncoder();

function domainSep(name: string): Uint8Array {
  const bytes = enc.encode(name);
  return concat([Uint8Array.of(bytes.length), bytes]);
}

const SEP_EMPTY = domainSep('ic-hashtree-empty');
const SEP_FORK = domainSep('ic-hashtree-fork');
const SEP_LABELED = domainSep('ic-hashtree-labeled');
const SEP_LEAF = domainSep('ic-hashtree-leaf');

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function digest(tree: HashTree): Uint8Array {
  switch (tree.kind) {
    case 'empty':
      return sha256(SEP_EMPTY);
    case 'fork':
      return sha256(concat([SEP_FORK, digest(tree.left), digest(tree.right)]));
    case 'labeled':
      return sha256(concat([SEP_LABELED, tree.label, digest(tree.subtree)]));
    case 'leaf':
      return sha256(concat([SEP_LEAF, tree.value]));
    case 'pruned':
      return tree.digest;
  }
}

export function label(text: string | Uint8Array): Uint8Array {
  return typeof text === 'string' ? enc.encode(text) : text;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function keyOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A labeled trie: a node is either a leaf (value) or a set of labeled children.
 * Digests are cached because hashing inside a canister is slow (see NOTES).
 */
export class LabeledTrie {
  readonly children = new Map<string, { label: Uint8Array; node: LabeledTrie }>();
  value: Uint8Array | undefined;
  private cached: Uint8Array | undefined;

  /** Inserts a leaf at `path` (labels from the root). */
  insert(path: (string | Uint8Array)[], value: Uint8Array): void {
    this.cached = undefined;
    if (path.length === 0) {
      this.value = value;
      return;
    }
    const l = label(path[0]);
    const k = keyOf(l);
    let child = this.children.get(k);
    if (!child) {
      child = { label: l, node: new LabeledTrie() };
      this.children.set(k, child);
    }
    child.node.insert(path.slice(1), value);
  }

  private sorted(): { label: Uint8Array; node: LabeledTrie }[] {
    return [...this.children.values()].sort((a, b) => compareBytes(a.label, b.label));
  }

  /** Digest of the full tree this node stands for (children's digests are cached). */
  digest(): Uint8Array {
    if (this.cached) return this.cached;
    this.cached =
      this.value !== undefined
        ? digest({ kind: 'leaf', value: this.value })
        : digest(
            balancedForks(
              this.sorted().map((c) => ({
                kind: 'pruned',
                digest: labeledDigest(c.label, c.node),
              })),
            ),
          );
    return this.cached;
  }

  /** The whole tree, nothing pruned. */
  fullTree(): HashTree {
    if (this.value !== undefined) return { kind: 'leaf', value: this.value };
    return balancedForks(
      this.sorted().map((c) => ({ kind: 'labeled', label: c.label, subtree: c.node.fullTree() })),
    );
  }

  /**
   * The tree with every branch off the given paths pruned; a path that ends at an inner node
   * reveals that node's whole subtree.
   */
  witness(paths: (string | Uint8Array)[][]): HashTree {
    if (this.value !== undefined) return { kind: 'leaf', value: this.value };
    const subtrees: HashTree[] = this.sorted().map(({ label: l, node }) => {
      const k = keyOf(l);
      const rest = paths
        .filter((p) => p.length > 0 && keyOf(label(p[0])) === k)
        .map((p) => p.slice(1));
      if (rest.length === 0) return { kind: 'pruned', digest: labeledDigest(l, node) };
      if (rest.some((p) => p.length === 0))
        return { kind: 'labeled', label: l, subtree: node.fullTree() };
      return { kind: 'labeled', label: l, subtree: node.witness(rest) };
    });
    return balancedForks(subtrees);
  }
}

function labeledDigest(l: Uint8Array, node: LabeledTrie): Uint8Array {
  return sha256(concat([SEP_LABELED, l, node.digest()]));
}

function balancedForks(trees: HashTree[]): HashTree {
  if (trees.length === 0) return { kind: 'empty' };
  if (trees.length === 1) return trees[0];
  const mid = Math.ceil(trees.length / 2);
  return {
    kind: 'fork',
    left: balancedForks(trees.slice(0, mid)),
    right: balancedForks(trees.slice(mid)),
  };
}
