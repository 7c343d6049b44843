import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormed, lookupPath } from '@ii/localnet/testing';
import { hashEmpty, reconstruct } from './hash-tree.js';
import { LabeledTree } from './labeled-tree.js';
import { hashCallCount } from './sha256.js';
import { asHex, nodeSha256 } from './test-support.js';

// Few distinct byte values so that random labels collide, share prefixes and nest.
const arbLabel = fc.uint8Array({ maxLength: 3, max: 3 });
const arbPath = fc.array(arbLabel, { minLength: 1, maxLength: 3 });
type Op =
  | { kind: 'insert'; path: Uint8Array[]; value: Uint8Array }
  | { kind: 'delete'; path: Uint8Array[] };
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    path: arbPath,
    value: fc.uint8Array({ maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), path: arbPath }),
);

const key = (p: Uint8Array[]) => p.map(asHex).join('/');
const isPrefix = (a: Uint8Array[], b: Uint8Array[]) =>
  a.length <= b.length && a.every((l, i) => asHex(l) === asHex(b[i]));

/** The model: leaves by path. Mirrors the tree's rules (no leaf inside a leaf, no empty subtree). */
function applyToModel(
  model: Map<string, { path: Uint8Array[]; value: Uint8Array }>,
  op: Op,
): boolean {
  const leaves = [...model.values()];
  if (op.kind === 'insert') {
    // Rejected: a leaf is a proper prefix of the path, or the path is a subtree (prefix of a leaf).
    if (
      leaves.some(
        (l) =>
          (isPrefix(l.path, op.path) && l.path.length < op.path.length) ||
          (isPrefix(op.path, l.path) && op.path.length < l.path.length),
      )
    )
      return false;
    model.set(key(op.path), { path: op.path, value: op.value });
    return true;
  }
  for (const l of leaves) if (isPrefix(op.path, l.path)) model.delete(key(l.path));
  return true;
}

function log2(n: number) {
  return Math.log2(n);
}

describe('LabeledTree', () => {
  it('behaves like a map of paths; cached hashes equal a full recomputation; witnesses verify', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 60 }), (ops) => {
        const tree = new LabeledTree();
        const model = new Map<string, { path: Uint8Array[]; value: Uint8Array }>();
        for (const op of ops) {
          const accepted = applyToModel(model, op);
          if (op.kind === 'insert') {
            if (accepted) tree.insert(op.path, op.value);
            else expect(() => tree.insert(op.path, op.value)).toThrow(/path/);
          } else {
            tree.delete(op.path);
          }
        }
        const full = tree.toHashTree();
        expect(asHex(reconstruct(full))).toBe(asHex(tree.rootHash()));
        expect(isWellFormed(full)).toBe(true);
        for (const { path, value } of model.values()) {
          expect(tree.get(path)).toEqual(value);
          const w = tree.witness(path)!;
          expect(asHex(reconstruct(w))).toBe(asHex(tree.rootHash()));
          expect(isWellFormed(w)).toBe(true);
          expect(lookupPath(path, w)).toEqual({ status: 'found', value });
          expect(lookupPath(path, full)).toEqual({ status: 'found', value });
        }
        for (const op of ops) {
          const leafOrSubtree = [...model.values()].some((l) => isPrefix(op.path, l.path));
          if (!leafOrSubtree) expect(tree.witness(op.path)).toBeUndefined();
        }
        // Every leaf of the full tree is in the model (nothing extra, no empty subtrees left).
        let leaves = 0;
        const walk = (t: typeof full): void => {
          if (t[0] === 1) {
            walk(t[1]);
            walk(t[2]);
          } else if (t[0] === 2) {
            if (t[2][0] === 0) throw new Error('empty subtree kept');
            walk(t[2]);
          } else if (t[0] === 3) leaves++;
        };
        walk(full);
        expect(leaves).toBe(model.size);
      }),
      { numRuns: 300 },
    );
  });

  it('a witness reveals exactly one path: the other labels are pruned away', () => {
    const tree = new LabeledTree();
    for (let i = 0; i < 64; i++)
      tree.insert([new Uint8Array([i % 4]), new Uint8Array([i])], new Uint8Array([i]));
    const w = tree.witness([new Uint8Array([1]), new Uint8Array([13])])!;
    const labels: string[] = [];
    const walk = (t: typeof w): void => {
      if (t[0] === 1) {
        walk(t[1]);
        walk(t[2]);
      } else if (t[0] === 2) {
        labels.push(asHex(t[1]));
        walk(t[2]);
      }
    };
    walk(w);
    expect(labels).toEqual(['01', '0d']);
    expect(lookupPath([new Uint8Array([1]), new Uint8Array([12])], w).status).toBe('unknown');
    expect(tree.witness([new Uint8Array([1]), new Uint8Array([12])])).toBeUndefined(); // 12 % 4 = 0
    expect(tree.witness([new Uint8Array([9])])).toBeUndefined();
  });

  it('a path naming a subtree reveals that whole subtree', () => {
    const tree = new LabeledTree();
    tree.insert(['a', 'x'], new Uint8Array([1]));
    tree.insert(['a', 'y'], new Uint8Array([2]));
    tree.insert(['b'], new Uint8Array([3]));
    const w = tree.witness(['a'])!;
    expect(lookupPath(['a', 'x'], w)).toEqual({ status: 'found', value: new Uint8Array([1]) });
    expect(lookupPath(['a', 'y'], w)).toEqual({ status: 'found', value: new Uint8Array([2]) });
    expect(lookupPath(['b'], w).status).toBe('unknown');
    expect(reconstruct(w)).toEqual(tree.rootHash());
  });

  it('empty tree hashes as [0]; deleting everything returns to it; deletes report what they did', () => {
    const tree = new LabeledTree();
    expect(tree.rootHash()).toEqual(hashEmpty());
    tree.insert(['s', 'm1'], new Uint8Array());
    tree.insert(['s', 'm2'], new Uint8Array());
    expect(tree.size()).toBe(1);
    expect(tree.size(['s'])).toBe(2);
    expect(tree.delete(['s', 'm1'])).toBe(true);
    expect(tree.delete(['s', 'm1'])).toBe(false);
    expect(tree.delete(['nope', 'x'])).toBe(false);
    expect(tree.delete(['s', 'm2'])).toBe(true);
    expect(tree.size()).toBe(0); // the emptied subtree "s" went with its last child
    expect(tree.rootHash()).toEqual(hashEmpty());
  });

  it('rejects empty paths, paths through leaves, and overwriting a subtree with a leaf', () => {
    const tree = new LabeledTree();
    tree.insert(['a', 'b'], new Uint8Array([1]));
    expect(() => tree.insert([], new Uint8Array())).toThrow(
      expect.objectContaining({ code: 'II_ERR_CERT_PATH_EMPTY' }),
    );
    expect(() => tree.insert(['a', 'b', 'c'], new Uint8Array())).toThrow(
      expect.objectContaining({ code: 'II_ERR_CERT_PATH_THROUGH_LEAF' }),
    );
    expect(() => tree.insert(['a'], new Uint8Array())).toThrow(
      expect.objectContaining({ code: 'II_ERR_CERT_PATH_IS_SUBTREE' }),
    );
    expect(tree.delete(['a', 'b', 'c'])).toBe(false);
  });

  it('stays balanced (AVL height ≤ 1.44·log2(n+2)) under sorted inserts and deletes', () => {
    const tree = new LabeledTree();
    const label = (i: number) => new Uint8Array([i >> 8, i & 0xff]);
    for (let i = 0; i < 4096; i++) tree.insert([label(i)], new Uint8Array());
    expect(tree.height()).toBeLessThanOrEqual(Math.floor(1.4405 * log2(4096 + 2)));
    for (let i = 0; i < 4096; i += 2) tree.delete([label(i)]);
    expect(tree.size()).toBe(2048);
    expect(tree.height()).toBeLessThanOrEqual(Math.floor(1.4405 * log2(2048 + 2)));
    expect(reconstruct(tree.toHashTree())).toEqual(tree.rootHash());
  });

  it('re-hashes only the changed path: SHA-256 calls per insert grow like log n, not n', () => {
    const tree = new LabeledTree();
    const label = (i: number) => nodeSha256(new Uint8Array([i >> 16, i >> 8, i & 0xff]));
    const costAt: Record<number, number> = {};
    let n = 0;
    for (const target of [16, 1024, 8192]) {
      for (; n < target; n++) tree.insert(['sig', label(n)], new Uint8Array());
      const before = hashCallCount();
      tree.insert(['sig', label(n++)], new Uint8Array());
      costAt[target] = hashCallCount() - before;
    }
    // Per level: ≤2 forks (+2 per rotation), plus the labeled hashes of "sig" and the new entry.
    for (const [size, cost] of Object.entries(costAt)) {
      expect(cost).toBeLessThanOrEqual(2 * 1.4405 * log2(Number(size) + 2) + 8);
    }
    expect(costAt[8192]).toBeLessThan(100); // a linear rebuild would be > 8192
    const unchanged = hashCallCount();
    tree.insert(['sig', label(3)], new Uint8Array()); // same value again: nothing to re-hash
    expect(hashCallCount()).toBe(unchanged);
  });
});
