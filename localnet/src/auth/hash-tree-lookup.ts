/**
 * IC hash trees (spec "Certification"): shape checks, root hash, well-formedness and path lookup.
 * Written here rather than reusing @dfinity/agent's helpers because the agent's label search does
 * not compare labels lexicographically, and a verifier must also reject non-well-formed trees.
 */
import { createHash } from 'node:crypto';
import { compareBytes, domainSeparator, utf8 } from '../bytes.js';
import { SignatureError } from './errors.js';

export type HashTree =
  [0] | [1, HashTree, HashTree] | [2, Uint8Array, HashTree] | [3, Uint8Array] | [4, Uint8Array];

// Real state trees are a few dozen levels deep; the bound keeps hostile input off the JS stack limit.
const MAX_DEPTH = 256;

/** Checks that a decoded CBOR value has the hash-tree shape. */
export function parseHashTree(v: unknown, depth = 0): HashTree {
  if (depth > MAX_DEPTH) throw new SignatureError('hash tree too deep');
  if (!Array.isArray(v) || v.length === 0) throw new SignatureError('malformed hash tree');
  const [tag, a, b] = v as unknown[];
  switch (tag) {
    case 0:
      if (v.length === 1) return [0];
      break;
    case 1:
      if (v.length === 3) return [1, parseHashTree(a, depth + 1), parseHashTree(b, depth + 1)];
      break;
    case 2:
      if (v.length === 3 && a instanceof Uint8Array) return [2, a, parseHashTree(b, depth + 1)];
      break;
    case 3:
      if (v.length === 2 && a instanceof Uint8Array) return [3, a];
      break;
    case 4:
      if (v.length === 2 && a instanceof Uint8Array && a.length === 32) return [4, a];
      break;
  }
  throw new SignatureError('malformed hash tree');
}

const SEP_EMPTY = domainSeparator('ic-hashtree-empty');
const SEP_FORK = domainSeparator('ic-hashtree-fork');
const SEP_LABELED = domainSeparator('ic-hashtree-labeled');
const SEP_LEAF = domainSeparator('ic-hashtree-leaf');

export function reconstruct(t: HashTree): Uint8Array {
  const h = createHash('sha256');
  switch (t[0]) {
    case 0:
      return h.update(SEP_EMPTY).digest();
    case 1:
      return h.update(SEP_FORK).update(reconstruct(t[1])).update(reconstruct(t[2])).digest();
    case 2:
      return h.update(SEP_LABELED).update(t[1]).update(reconstruct(t[2])).digest();
    case 3:
      return h.update(SEP_LEAF).update(t[1]).digest();
    case 4:
      return t[1];
  }
}

function flattenForks(t: HashTree, out: HashTree[] = []): HashTree[] {
  if (t[0] === 1) {
    flattenForks(t[1], out);
    flattenForks(t[2], out);
  } else if (t[0] !== 0) out.push(t);
  return out;
}

/** Spec `well_formed`: a leaf, or a forest of strictly increasing labels (no leaves) with well-formed children. */
export function isWellFormed(t: HashTree): boolean {
  if (t[0] === 3) return true;
  let prev: Uint8Array | undefined;
  for (const n of flattenForks(t)) {
    if (n[0] === 3) return false;
    if (n[0] === 2) {
      if (prev && compareBytes(prev, n[1]) >= 0) return false;
      prev = n[1];
      if (!isWellFormed(n[2])) return false;
    }
  }
  return true;
}

export type Lookup =
  { status: 'found'; value: Uint8Array } | { status: 'absent' | 'unknown' | 'error' };
type Label = Uint8Array | string;
const asBytes = (l: Label) => (typeof l === 'string' ? utf8(l) : l);

function findLabel(label: Uint8Array, t: HashTree): HashTree | 'absent' | 'unknown' {
  const forest = flattenForks(t);
  for (const n of forest) if (n[0] === 2 && compareBytes(n[1], label) === 0) return n[2];
  if (forest.length === 0) return 'absent';
  // Absence is provable only between two adjacent labels (or before the first / after the last).
  const first = forest[0];
  if (first[0] === 2 && compareBytes(label, first[1]) < 0) return 'absent';
  const last = forest[forest.length - 1];
  if (last[0] === 2 && compareBytes(last[1], label) < 0) return 'absent';
  for (let i = 0; i + 1 < forest.length; i++) {
    const [x, y] = [forest[i], forest[i + 1]];
    if (x[0] === 2 && y[0] === 2 && compareBytes(x[1], label) < 0 && compareBytes(label, y[1]) < 0)
      return 'absent';
  }
  return 'unknown';
}

export function lookupSubtree(path: Label[], t: HashTree): HashTree | 'absent' | 'unknown' {
  let cur: HashTree = t;
  for (const l of path) {
    const r = findLabel(asBytes(l), cur);
    if (r === 'absent' || r === 'unknown') return r;
    cur = r;
  }
  return cur;
}

export function lookupPath(path: Label[], t: HashTree): Lookup {
  const sub = lookupSubtree(path, t);
  if (sub === 'absent' || sub === 'unknown') return { status: sub };
  switch (sub[0]) {
    case 0:
      return { status: 'absent' };
    case 3:
      return { status: 'found', value: sub[1] };
    case 4:
      return { status: 'unknown' };
    default:
      return { status: 'error' };
  }
}

/** Labeled children of a subtree, in order (pruned parts are skipped). */
export function labeledChildren(t: HashTree): Array<[Uint8Array, HashTree]> {
  return flattenForks(t).flatMap((n) =>
    n[0] === 2 ? [[n[1], n[2]] as [Uint8Array, HashTree]] : [],
  );
}
