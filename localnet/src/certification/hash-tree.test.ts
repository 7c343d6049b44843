import { reconstruct as agentReconstruct, type HashTree as AgentHashTree } from '@dfinity/agent';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_HASH,
  domainSeparator,
  empty,
  fork,
  labeled,
  leaf,
  pruned,
  reconstruct,
  type HashTree,
} from './hash-tree.js';
import { hex } from './test-support.js';

const te = new TextEncoder();

describe('hash-tree', () => {
  it('builds the CBOR array forms of the specification', () => {
    expect(empty()).toEqual([0]);
    expect(fork(empty(), leaf(te.encode('x')))).toEqual([1, [0], [3, te.encode('x')]]);
    expect(labeled(te.encode('a'), empty())).toEqual([2, te.encode('a'), [0]]);
    expect(pruned(new Uint8Array(32))).toEqual([4, new Uint8Array(32)]);
  });

  it('uses length-prefixed domain separators', () => {
    expect(hex(domainSeparator('ic-hashtree-empty'))).toBe(
      '11' + hex(te.encode('ic-hashtree-empty')),
    );
    expect(hex(EMPTY_HASH)).toBe(
      hex(createHash('sha256').update(domainSeparator('ic-hashtree-empty')).digest()),
    );
  });

  it('hashes like @dfinity/agent reconstruct', async () => {
    const tree: HashTree = fork(
      labeled(te.encode('a'), fork(leaf(te.encode('hello')), empty())),
      fork(pruned(new Uint8Array(32).fill(7)), labeled(te.encode('b'), leaf(new Uint8Array(0)))),
    );
    const theirs = await agentReconstruct(tree as AgentHashTree);
    expect(hex(reconstruct(tree))).toBe(hex(theirs));
  });

  it('hashes small, medium and large leaves alike (scratch buffer and streaming paths)', () => {
    for (const size of [0, 100, 3000, 100_000]) {
      const value = new Uint8Array(size).map((_, i) => i % 251);
      const expected = createHash('sha256')
        .update(domainSeparator('ic-hashtree-leaf'))
        .update(value)
        .digest();
      expect(hex(reconstruct(leaf(value)))).toBe(hex(expected));
    }
  });

  it('is sensitive to every part (a changed leaf or label changes the hash)', () => {
    const base = reconstruct(labeled(te.encode('a'), leaf(te.encode('v'))));
    expect(hex(reconstruct(labeled(te.encode('b'), leaf(te.encode('v')))))).not.toBe(hex(base));
    expect(hex(reconstruct(labeled(te.encode('a'), leaf(te.encode('w')))))).not.toBe(hex(base));
  });
});
