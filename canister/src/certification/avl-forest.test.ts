import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  find,
  modify,
  nodeShape,
  UNCHANGED,
  type AvlNode,
  type ModifyResult,
} from './avl-forest.js';
import { leaf, reconstruct, type HashTree } from './hash-tree.js';
import { asHex, nodeSha256 } from './test-support.js';

// Children are plain byte values hashed as leaves; the forest is checked against its own shape.
type Child = Uint8Array;
const childHash = (c: Child) => reconstruct(leaf(c));

function shape(n: AvlNode<Child> | null): HashTree | null {
  return n && nodeShape(shape(n.left), [2, n.label, leaf(n.child)], shape(n.right));
}

function check(n: AvlNode<Child> | null, lo?: string, hi?: string): number {
  if (!n) return 0;
  const k = asHex(n.label);
  if ((lo !== undefined && k <= lo) || (hi !== undefined && k >= hi)) throw new Error('order');
  const hl = check(n.left, lo, k);
  const hr = check(n.right, k, hi);
  expect(Math.abs(hl - hr)).toBeLessThanOrEqual(1);
  expect(n.height).toBe(1 + Math.max(hl, hr));
  return n.height;
}

describe('AVL forest', () => {
  it('keeps order, balance and cached hashes under random upserts and deletes', () => {
    // Labels of equal length, so hex order is byte order.
    const arbOps = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean()), {
      maxLength: 120,
    });
    fc.assert(
      fc.property(arbOps, (ops) => {
        let root: AvlNode<Child> | null = null;
        const model = new Map<number, Uint8Array>();
        for (const [k, del] of ops) {
          const label = new Uint8Array([k]);
          const value = nodeSha256(label).subarray(0, 2);
          const r: ModifyResult<Child> = modify<Child>(
            root,
            label,
            () => (del ? undefined : value),
            childHash,
          );
          expect(r.sizeDelta).toBe(del ? (model.has(k) ? -1 : 0) : model.has(k) ? 0 : 1);
          if (del) model.delete(k);
          else model.set(k, value);
          root = r.root;
        }
        check(root);
        for (const [k, v] of model) expect(find(root, new Uint8Array([k]))?.child).toEqual(v);
        if (root) expect(asHex(reconstruct(shape(root)!))).toBe(asHex(root.hash));
        else expect(model.size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
  it('UNCHANGED leaves the tree and its hash alone', () => {
    const r = modify<Child>(null, new Uint8Array([1]), () => new Uint8Array([9]), childHash);
    const again = modify<Child>(r.root, new Uint8Array([1]), () => UNCHANGED, childHash);
    expect(again).toEqual({ root: r.root, changed: false, sizeDelta: 0 });
    const absent = modify<Child>(r.root, new Uint8Array([2]), () => undefined, childHash);
    expect(absent.changed).toBe(false);
  });
});
