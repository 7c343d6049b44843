import { describe, expect, it } from 'vitest';
import { hashLeaf } from './hash-tree.js';
import { compareLabels } from './label.js';
import {
  find,
  forEachEntry,
  height,
  modify,
  neighbours,
  rankOf,
  UNCHANGED,
} from './ordered-children.js';
import type { Entry, LeafNode } from './state-node.js';
import { hex, requestId, seededRandom } from './test-support.js';

const leafOf = (v: number | Uint8Array): LeafNode => {
  const value = typeof v === 'number' ? Uint8Array.of(v) : v;
  return { kind: 'leaf', value, hash: hashLeaf(value) };
};

function insertAll(labels: Uint8Array[]): Entry | null {
  let root: Entry | null = null;
  for (const l of labels) root = modify(root, l, () => leafOf(l)).root;
  return root;
}

function checkInvariants(e: Entry | null, lo?: Uint8Array, hi?: Uint8Array): void {
  if (!e) return;
  if (lo) expect(compareLabels(lo, e.label)).toBeLessThan(0);
  if (hi) expect(compareLabels(e.label, hi)).toBeLessThan(0);
  for (const c of [e.left, e.right]) if (c) expect(c.rank <= e.rank).toBe(true);
  checkInvariants(e.left, lo, e.label);
  checkInvariants(e.right, e.label, hi);
}

describe('ordered-children (treap)', () => {
  it('keeps search-tree order and heap order through inserts and deletes', () => {
    const rand = seededRandom(1);
    const labels = Array.from({ length: 500 }, () =>
      Uint8Array.from({ length: 3 }, () => Math.floor(rand() * 256)),
    );
    let root = insertAll(labels);
    checkInvariants(root);
    for (const l of labels.slice(0, 250)) root = modify(root, l, () => undefined).root;
    checkInvariants(root);
    const seen: string[] = [];
    forEachEntry(root, (e) => seen.push(hex(e.label)));
    expect(seen).toEqual([...seen].sort());
  });

  it('has the same shape whatever the insertion order (history independent)', () => {
    const labels = Array.from({ length: 300 }, requestId);
    const a = insertAll(labels);
    const b = insertAll([...labels].reverse());
    expect(hex(a!.hash)).toBe(hex(b!.hash));
    expect(a!.label).toEqual(b!.label);
  });

  it('stays logarithmically deep for random 32-byte labels', () => {
    const root = insertAll(Array.from({ length: 10_000 }, requestId));
    // log2(10k) ≈ 13.3; a treap's expected height is below 3·log2(n).
    expect(height(root)).toBeLessThan(45);
  });

  it('stays shallow for sequential labels too (priorities come from a hash)', () => {
    const labels = Array.from({ length: 5000 }, (_, i) => Uint8Array.of(i >> 8, i & 255));
    expect(height(insertAll(labels))).toBeLessThan(40);
  });

  it('finds entries and neighbours', () => {
    const root = insertAll([10, 20, 30].map((n) => Uint8Array.of(n)));
    expect(find(root, Uint8Array.of(20))?.label).toEqual(Uint8Array.of(20));
    expect(find(root, Uint8Array.of(25))).toBeUndefined();
    const n = neighbours(root, Uint8Array.of(25));
    expect([n.below?.label, n.above?.label]).toEqual([Uint8Array.of(20), Uint8Array.of(30)]);
    expect(neighbours(root, Uint8Array.of(5)).below).toBeUndefined();
    expect(neighbours(root, Uint8Array.of(35)).above).toBeUndefined();
  });

  it('reports unchanged modifications and size deltas', () => {
    const root = insertAll([Uint8Array.of(1)]);
    expect(modify(root, Uint8Array.of(2), () => undefined)).toMatchObject({
      changed: false,
      sizeDelta: 0,
    });
    expect(modify(root, Uint8Array.of(1), () => UNCHANGED)).toMatchObject({
      changed: false,
      sizeDelta: 0,
    });
    expect(modify(root, Uint8Array.of(2), () => leafOf(0))).toMatchObject({
      changed: true,
      sizeDelta: 1,
    });
  });

  it('derives priorities from the label only', () => {
    expect(rankOf(Uint8Array.of(1, 2, 3))).toBe(rankOf(Uint8Array.of(1, 2, 3)));
    expect(rankOf(Uint8Array.of(1, 2, 3))).not.toBe(rankOf(Uint8Array.of(1, 2, 4)));
  });
});
