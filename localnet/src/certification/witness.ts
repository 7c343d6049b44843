/**
 * Witnesses: the pruned hash tree that reveals exactly the requested paths of a state tree.
 *
 * - A path that names a leaf reveals the leaf; one that names a subtree reveals all of it.
 * - A path whose label is absent reveals the labels just below and just above it (their children
 *   pruned): the absence proof of the specification's `lookup`, as the IC builds it.
 *   @dfinity/agent 3.4.3's `find_label` compares labels wrongly (it answers "greater" if ANY byte is
 *   greater, not the first differing one), so with such a proof its `lookup_path` mostly answers
 *   Unknown for random 32-byte labels, here as on mainnet. `absenceProof: 'neighbours-and-last'`
 *   also reveals the subtree's last label, which makes that agent answer Absent (still a valid,
 *   merely larger, witness).
 * - A path that continues past a leaf reveals the leaf (a lookup then reports Absent).
 * - Everything else is pruned to the largest subtrees possible.
 */
import { empty, fork, hashFork, labeled, leaf, pruned, type HashTree } from './hash-tree.js';
import { compareLabels, labelBytes, labelHex, type Label } from './label.js';
import { find, neighbours } from './ordered-children.js';
import { nodeHash, type Entry, type StateNode, type SubtreeNode } from './state-node.js';

/** The requested paths as a trie: `whole` means "reveal everything below". */
interface Request {
  whole: boolean;
  children: Map<string, { label: Uint8Array; request: Request }>;
}

export function buildRequest(paths: readonly (readonly Label[])[]): Request {
  const root: Request = { whole: false, children: new Map() };
  for (const path of paths) {
    let req = root;
    for (const raw of path) {
      if (req.whole) break;
      const label = labelBytes(raw);
      const key = labelHex(label);
      let next = req.children.get(key);
      if (!next) {
        next = { label, request: { whole: false, children: new Map() } };
        req.children.set(key, next);
      }
      req = next.request;
    }
    req.whole = true;
  }
  return root;
}

export interface WitnessOptions {
  /**
   * What an absence proof reveals: the two neighbours (as the IC), or also the last label of the
   * subtree (so that @dfinity/agent 3.4.3's `lookup_path` reports Absent; see above).
   * @default 'neighbours'
   */
  absenceProof?: 'neighbours' | 'neighbours-and-last';
}

/** Witness of a state node for a request; the root call passes the tree's root subtree. */
export function witnessNode(node: StateNode, req: Request, options: WitnessOptions = {}): HashTree {
  if (req.whole) return revealAll(node);
  if (node.kind === 'leaf') return leaf(node.value);
  return witnessSubtree(node, req, options);
}

/** An entry to reveal; without a request only its label is revealed (absence proofs). */
interface Mark {
  entry: Entry;
  request?: Request;
}

function witnessSubtree(sub: SubtreeNode, req: Request, options: WitnessOptions): HashTree {
  if (!sub.root) return empty();
  const marks = new Map<string, Mark>();
  for (const [key, { label, request }] of req.children) {
    const entry = find(sub.root, label);
    if (entry) {
      marks.set(key, { entry, request });
      continue;
    }
    const { below, above } = neighbours(sub.root, label);
    const last = options.absenceProof === 'neighbours-and-last' ? lastEntry(sub.root) : undefined;
    for (const n of [below, above, last]) {
      if (!n) continue;
      const nKey = labelHex(n.label);
      if (!marks.has(nKey)) marks.set(nKey, { entry: n });
    }
  }
  if (marks.size === 0) return pruned(sub.root.hash);
  const sorted = [...marks.values()].sort((a, b) => compareLabels(a.entry.label, b.entry.label));
  return witnessEntry(sub.root, sorted, 0, sorted.length, options);
}

function lastEntry(root: Entry): Entry {
  let e = root;
  while (e.right) e = e.right;
  return e;
}

/** First index in [lo, hi) whose label is >= `label`. */
function lowerBound(marks: Mark[], lo: number, hi: number, label: Uint8Array): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareLabels(marks[mid].entry.label, label) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Witness of an entry's fork structure; marks[lo, hi) all lie within it and are non-empty. */
function witnessEntry(
  e: Entry,
  marks: Mark[],
  lo: number,
  hi: number,
  options: WitnessOptions,
): HashTree {
  const i = lowerBound(marks, lo, hi, e.label);
  const self = i < hi && marks[i].entry === e ? marks[i] : undefined;
  const j = self ? i + 1 : i;

  const selfTree = self
    ? labeled(
        e.label,
        self.request ? witnessNode(e.child, self.request, options) : pruned(nodeHash(e.child)),
      )
    : pruned(e.labeledHash);
  let inner: HashTree = selfTree;
  if (e.left) {
    // Nothing revealed on the left nor here: prune fork(left, self) as one node.
    inner =
      i > lo
        ? fork(witnessEntry(e.left, marks, lo, i, options), selfTree)
        : self
          ? fork(pruned(e.left.hash), selfTree)
          : pruned(hashFork(e.left.hash, e.labeledHash));
  }
  if (!e.right) return inner;
  return fork(inner, hi > j ? witnessEntry(e.right, marks, j, hi, options) : pruned(e.right.hash));
}

/** The whole node, nothing pruned. */
export function revealAll(node: StateNode): HashTree {
  if (node.kind === 'leaf') return leaf(node.value);
  return node.root ? revealEntry(node.root) : empty();
}

function revealEntry(e: Entry): HashTree {
  const self = labeled(e.label, revealAll(e.child));
  const inner = e.left ? fork(revealEntry(e.left), self) : self;
  return e.right ? fork(inner, revealEntry(e.right)) : inner;
}
