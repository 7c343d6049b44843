import { describe, expect, it } from 'vitest';
import { isWellFormed, lookupPath, parseHashTree, type HashTree } from './hash-tree-lookup.js';

const b = (s: string) => new TextEncoder().encode(s);
const L = (l: string, t: HashTree): HashTree => [2, b(l), t];
const leaf = (s: string): HashTree => [3, b(s)];
const pruned: HashTree = [4, new Uint8Array(32)];

describe('hash tree lookup', () => {
  // Labels differ in a later byte than the first: a bytewise-"any greater" comparison gets this wrong.
  const t: HashTree = [1, L('az', leaf('1')), [1, L('b', leaf('2')), L('ca', leaf('3'))]];
  it('finds, proves absence between adjacent labels, and reports unknown beside pruned parts', () => {
    expect(lookupPath(['ca'], t)).toEqual({ status: 'found', value: b('3') });
    expect(lookupPath(['b'], t)).toEqual({ status: 'found', value: b('2') });
    expect(lookupPath(['bb'], t)).toEqual({ status: 'absent' });
    expect(lookupPath(['a'], t)).toEqual({ status: 'absent' });
    expect(lookupPath(['bb'], [1, L('b', leaf('2')), [1, pruned, L('ca', leaf('3'))]])).toEqual({
      status: 'unknown',
    });
    expect(lookupPath(['zz'], t)).toEqual({ status: 'absent' });
  });
  it('checks well-formedness', () => {
    expect(isWellFormed(t)).toBe(true);
    expect(isWellFormed([1, L('b', leaf('2')), L('a', leaf('1'))])).toBe(false);
    expect(isWellFormed([1, L('a', leaf('2')), leaf('x')])).toBe(false);
  });
  it('rejects malformed and too deep trees', () => {
    expect(() => parseHashTree([7])).toThrow();
    expect(() => parseHashTree([4, new Uint8Array(3)])).toThrow();
    let deep: unknown = [0];
    for (let i = 0; i < 300; i++) deep = [1, deep, [0]];
    expect(() => parseHashTree(deep)).toThrow(/too deep/);
  });
});
