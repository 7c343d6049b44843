/** Helpers shared by this folder's tests (not exported from index.ts). */
import { randomBytes } from 'node:crypto';
import type { HashTree } from './hash-tree.js';
import { compareLabels, labelBytes, type Label } from './label.js';

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A deterministic pseudo-random generator (mulberry32) so property loops are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomLabel(rand: () => number, maxLength = 4): Uint8Array {
  const len = Math.floor(rand() * (maxLength + 1));
  return Uint8Array.from({ length: len }, () => Math.floor(rand() * 4) * 60);
}

export const requestId = (): Uint8Array => randomBytes(32);

/** Current time in nanoseconds. */
export const nowNanos = (): bigint => BigInt(Date.now()) * 1_000_000n;

type LabelResult = 'absent' | 'unknown' | 'less' | 'greater' | { found: HashTree };

/** `find_label` as the interface specification defines it, with a true byte-wise comparison. */
function findLabel(label: Uint8Array, t: HashTree): LabelResult {
  switch (t[0]) {
    case 2: {
      const c = compareLabels(label, t[1]);
      return c === 0 ? { found: t[2] } : c < 0 ? 'less' : 'greater';
    }
    case 1: {
      const l = findLabel(label, t[1]);
      if (l === 'greater' || l === 'unknown') {
        const r = findLabel(label, t[2]);
        if (r === 'less') return l === 'greater' ? 'absent' : 'unknown';
        return r;
      }
      return l;
    }
    case 4:
      return 'unknown';
    default:
      return 'absent';
  }
}

/** The specification's `lookup_path`: 'found' (with value), 'absent', 'unknown' or 'error'. */
export function specLookup(
  path: readonly Label[],
  t: HashTree,
): 'absent' | 'unknown' | 'error' | { found: Uint8Array } {
  if (path.length === 0) {
    if (t[0] === 3) return { found: t[1] };
    if (t[0] === 0) return 'absent';
    if (t[0] === 4) return 'unknown';
    return 'error';
  }
  const r = findLabel(labelBytes(path[0]), t);
  if (typeof r === 'object') return specLookup(path.slice(1), r.found);
  return r === 'unknown' ? 'unknown' : 'absent';
}
