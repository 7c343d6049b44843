import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareBytes, utf8 } from '../bytes.js';
import { TrieBuilder } from './cert-trie.js';
import { reconstruct, type HashTree } from '../certification/hash-tree.js';

type Found = 'absent' | 'unknown' | 'less' | 'greater' | { found: HashTree };

// find_label / lookup_path as the interface spec defines them.
function findLabel(l: Uint8Array, t: HashTree): Found {
  switch (t[0]) {
    case 2: {
      const c = compareBytes(l, t[1]);
      return c === 0 ? { found: t[2] } : c < 0 ? 'less' : 'greater';
    }
    case 1: {
      const left = findLabel(l, t[1]);
      if (left === 'greater' || left === 'unknown') {
        const right = findLabel(l, t[2]);
        if (right === 'less') return left === 'greater' ? 'absent' : 'unknown';
        return right;
      }
      return left;
    }
    case 4:
      return 'unknown';
    default:
      return 'absent';
  }
}

function lookup(path: string[], t: HashTree): 'found' | 'absent' | 'unknown' {
  if (path.length === 0) return 'found';
  const r = findLabel(utf8(path[0]), t);
  if (typeof r === 'object') return lookup(path.slice(1), r.found);
  return r === 'unknown' ? 'unknown' : 'absent';
}

describe('CertTrie witnesses', () => {
  const trie = new TrieBuilder()
    .insert(['a', 'x'], utf8('1'))
    .insert(['b', 'y'], utf8('2'))
    .insert(['d'], utf8('3'))
    .insert(['f', 'z'], utf8('4'))
    .insert(['h'], utf8('5'))
    .build();

  it('prove presence and absence, and reconstruct to the root hash', () => {
    const w = trie.witness([['b', 'y'], ['c'], ['f', 'q'], ['0'], ['z']]);
    expect(reconstruct(w)).toEqual(trie.rootHash);
    expect(lookup(['b', 'y'], w)).toBe('found');
    for (const p of [['c'], ['f', 'q'], ['0'], ['z'], ['e']])
      expect(lookup(p, w), p.join('/')).toBe('absent');
    // Not asked for: pruned.
    expect(lookup(['a', 'x'], w)).toBe('unknown');
  });

  it('rejects inconsistent paths', () => {
    expect(() =>
      new TrieBuilder().insert(['a'], utf8('1')).insert(['a', 'b'], utf8('2')),
    ).toThrow();
    expect(() =>
      new TrieBuilder().insert(['a', 'b'], utf8('1')).insert(['a'], utf8('2')),
    ).toThrow();
  });

  it('property: any set of present/absent paths is proven, root hash unchanged', () => {
    const label = fc.stringMatching(/^[a-e]{0,2}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(label, label), {
          minLength: 1,
          maxLength: 20,
          selector: (p) => p.join('/'),
        }),
        fc.array(fc.tuple(label, label), { maxLength: 6 }),
        (entries, queries) => {
          const b = new TrieBuilder();
          // Two-level paths only, so no path runs through a leaf.
          for (const [x, y] of entries) b.insert(['k' + x, y], utf8(x + y));
          const t = b.build();
          const paths = queries.map(([x, y]) => ['k' + x, y]);
          const w = t.witness(paths);
          expect(reconstruct(w)).toEqual(t.rootHash);
          for (const p of paths) {
            const present = entries.some(([x, y]) => 'k' + x === p[0] && y === p[1]);
            expect(lookup(p, w)).toBe(present ? 'found' : 'absent');
          }
        },
      ),
    );
  });
});
