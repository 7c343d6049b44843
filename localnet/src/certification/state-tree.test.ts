import { reconstruct as agentReconstruct, type HashTree as AgentHashTree } from '@dfinity/agent';
import { describe, expect, it } from 'vitest';
import { CertificationError } from './errors.js';
import { EMPTY_HASH, fork, hashLabeled, hashLeaf, hashFork, reconstruct } from './hash-tree.js';
import { compareLabels } from './label.js';
import { rankOf } from './ordered-children.js';
import { StateTree } from './state-tree.js';
import { hex, randomLabel, seededRandom } from './test-support.js';

const te = new TextEncoder();
const v = (s: string) => te.encode(s);

/** The model: nested maps keyed by label hex. */
type Model = Map<string, { label: Uint8Array; value: Uint8Array | Model }>;

/** Naive full rebuild of the root hash from the model, by the treap's definition, no caching. */
function naiveHash(model: Model): Uint8Array {
  const items = [...model.values()].sort((a, b) => compareLabels(a.label, b.label));
  const build = (lo: number, hi: number): Uint8Array | undefined => {
    if (lo >= hi) return undefined;
    let top = lo;
    for (let i = lo + 1; i < hi; i++) {
      const r = rankOf(items[i].label);
      const t = rankOf(items[top].label);
      if (r > t || (r === t && compareLabels(items[i].label, items[top].label) < 0)) top = i;
    }
    const it = items[top];
    const child = it.value instanceof Uint8Array ? hashLeaf(it.value) : naiveHash(it.value);
    const self = hashLabeled(it.label, child);
    const left = build(lo, top);
    const right = build(top + 1, hi);
    const inner = left ? hashFork(left, self) : self;
    return right ? hashFork(inner, right) : inner;
  };
  return build(0, items.length) ?? EMPTY_HASH;
}

function modelSet(model: Model, path: Uint8Array[], value: Uint8Array): boolean {
  let m = model;
  for (let i = 0; i < path.length - 1; i++) {
    const k = hex(path[i]);
    let e = m.get(k);
    if (!e) {
      e = { label: path[i], value: new Map() };
      m.set(k, e);
    }
    if (e.value instanceof Uint8Array) return false;
    m = e.value;
  }
  const last = m.get(hex(path[path.length - 1]));
  if (last && !(last.value instanceof Uint8Array)) return false;
  m.set(hex(path[path.length - 1]), { label: path[path.length - 1], value });
  return true;
}

function modelDelete(model: Model, path: Uint8Array[]): void {
  let m = model;
  for (let i = 0; i < path.length - 1; i++) {
    const e = m.get(hex(path[i]));
    if (!e || e.value instanceof Uint8Array) return;
    m = e.value;
  }
  m.delete(hex(path[path.length - 1]));
}

describe('StateTree', () => {
  it('sets, gets, lists and deletes leaves and subtrees', () => {
    const t = new StateTree();
    t.set(['time'], v('1'));
    t.set(['request_status', v('r1'), 'status'], v('replied'));
    t.set(['request_status', v('r1'), 'reply'], v('x'));
    expect(t.get(['time'])).toEqual(v('1'));
    expect(t.get(['request_status', v('r1'), 'status'])).toEqual(v('replied'));
    expect(t.get(['request_status'])).toBeUndefined();
    expect(t.has(['request_status', 'r1'])).toBe(true);
    expect(t.size(['request_status', 'r1'])).toBe(2);
    expect(t.labels()).toEqual([v('request_status'), v('time')]);
    expect(t.delete(['request_status', 'r1'])).toBe(true);
    expect(t.delete(['request_status', 'r1'])).toBe(false);
    expect(t.has(['request_status'])).toBe(true);
    expect(t.size(['request_status'])).toBe(0);
  });

  it('throws typed errors for empty paths, paths through leaves and leaves over subtrees', () => {
    const t = new StateTree();
    t.set(['a', 'b'], v('1'));
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return e instanceof CertificationError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => t.set([], v('x')))).toBe('II_ERR_CERT_PATH_EMPTY');
    expect(code(() => t.set(['a', 'b', 'c'], v('x')))).toBe('II_ERR_CERT_PATH_THROUGH_LEAF');
    expect(code(() => t.set(['a'], v('x')))).toBe('II_ERR_CERT_PATH_IS_SUBTREE');
    // failed updates leave the tree untouched
    expect(t.get(['a', 'b'])).toEqual(v('1'));
    expect(t.delete(['a', 'b', 'c'])).toBe(false);
  });

  it('has the empty hash when empty, and the spec hash for a tiny tree', () => {
    const t = new StateTree();
    expect(hex(t.rootHash())).toBe(hex(EMPTY_HASH));
    t.set(['a'], v('x'));
    t.set(['b'], v('y'));
    const a = hashLabeled(v('a'), hashLeaf(v('x')));
    const b = hashLabeled(v('b'), hashLeaf(v('y')));
    // Two children fork in label order whichever is the treap root: fork(a, b) either way.
    expect(hex(t.rootHash())).toBe(hex(hashFork(a, b)));
    expect(hex(reconstruct(fork([4, a], [4, b])))).toBe(hex(t.rootHash()));
  });

  it('changes the root hash exactly when content changes', () => {
    const t = new StateTree();
    t.set(['time'], v('1'));
    t.set(['x', 'y'], v('2'));
    const h0 = hex(t.rootHash());
    t.set(['time'], v('1')); // same value
    expect(hex(t.rootHash())).toBe(h0);
    expect(t.delete(['nope', 'deeper'])).toBe(false);
    expect(hex(t.rootHash())).toBe(h0);
    t.set(['time'], v('2'));
    const h1 = hex(t.rootHash());
    expect(h1).not.toBe(h0);
    t.set(['time'], v('1'));
    expect(hex(t.rootHash())).toBe(h0);
    t.set(['x', 'z'], v('3'));
    expect(hex(t.rootHash())).not.toBe(h0);
    t.delete(['x', 'z']);
    expect(hex(t.rootHash())).toBe(h0);
  });

  it('matches a naive full rebuild and the agent reconstruct, over random operations', async () => {
    const rand = seededRandom(42);
    for (let round = 0; round < 20; round++) {
      const t = new StateTree();
      const model: Model = new Map();
      for (let op = 0; op < 150; op++) {
        const depth = 1 + Math.floor(rand() * 3);
        const path = Array.from({ length: depth }, () => randomLabel(rand, 2));
        if (rand() < 0.75) {
          const value = randomLabel(rand, 3);
          const ok = modelSet(model, path, value);
          if (ok) t.set(path, value);
          else expect(() => t.set(path, value)).toThrow(CertificationError);
        } else {
          modelDelete(model, path);
          t.delete(path);
        }
      }
      expect(hex(t.rootHash())).toBe(hex(naiveHash(model)));
      const full = t.witness([[]]);
      expect(hex(await agentReconstruct(full as AgentHashTree))).toBe(hex(t.rootHash()));
    }
  });

  it('gives the same root hash for the same contents in any order', () => {
    const rand = seededRandom(7);
    const entries = Array.from(
      { length: 400 },
      () => [[randomLabel(rand, 3), randomLabel(rand, 3)], randomLabel(rand)] as const,
    );
    const a = new StateTree();
    const b = new StateTree();
    const dedup = new Map(entries.map((e) => [e[0].map(hex).join('/'), e]));
    // Keep only paths that do not run through another path's leaf.
    const unique = [...dedup.values()].filter(([p]) => !dedup.has(hex(p[0])));
    for (const [p, val] of unique) a.set(p, val);
    for (const [p, val] of [...unique].reverse()) b.set(p, val);
    expect(hex(a.rootHash())).toBe(hex(b.rootHash()));
  });
});
