import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconstruct as localnetReconstruct } from '@ii/localnet/testing';
import {
  domainSeparator,
  empty,
  fork,
  hashEmpty,
  labeled,
  leaf,
  pruned,
  reconstruct,
} from './hash-tree.js';
import { hashCallCount } from './sha256.js';
import { arbHashTree, asHex, nodeSha256 } from './test-support.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('hash tree', () => {
  it('domain separators are one length byte then the tag', () => {
    expect(asHex(domainSeparator('ic-hashtree-fork'))).toBe(
      '10' + Buffer.from('ic-hashtree-fork').toString('hex'),
    );
  });
  it('hashes each node kind as the spec says (node:crypto by hand)', () => {
    const sep = (s: string) => new Uint8Array([s.length, ...utf8(s)]);
    const l = leaf(utf8('v'));
    const lHash = nodeSha256(sep('ic-hashtree-leaf'), utf8('v'));
    expect(reconstruct(l)).toEqual(lHash);
    expect(reconstruct(empty())).toEqual(nodeSha256(sep('ic-hashtree-empty')));
    expect(hashEmpty()).toEqual(nodeSha256(sep('ic-hashtree-empty')));
    const lab = labeled('a', l);
    const labHash = nodeSha256(sep('ic-hashtree-labeled'), utf8('a'), lHash);
    expect(reconstruct(lab)).toEqual(labHash);
    const h = new Uint8Array(32).fill(9);
    expect(reconstruct(pruned(h))).toBe(h);
    expect(reconstruct(fork(lab, pruned(h)))).toEqual(
      nodeSha256(sep('ic-hashtree-fork'), labHash, h),
    );
  });
  it('reconstructs exactly what localnet (the verifier) reconstructs, for any tree', () => {
    fc.assert(
      fc.property(arbHashTree, (t) => {
        expect(asHex(reconstruct(t))).toBe(asHex(localnetReconstruct(t)));
      }),
      { numRuns: 300 },
    );
  });
  it('the spec example tree has the published root hash', () => {
    // Interface spec "Example": root hash eb5c5b21...
    const t = fork(
      fork(
        labeled(
          'a',
          fork(fork(labeled('x', leaf(utf8('hello'))), empty()), labeled('y', leaf(utf8('world')))),
        ),
        labeled('b', leaf(utf8('good'))),
      ),
      fork(labeled('c', empty()), labeled('d', leaf(utf8('morning')))),
    );
    expect(asHex(reconstruct(t))).toBe(
      'eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0',
    );
  });
  it('counts one hash per fork, labeled and leaf node', () => {
    const before = hashCallCount();
    reconstruct(fork(labeled('a', leaf(utf8('x'))), pruned(new Uint8Array(32))));
    expect(hashCallCount() - before).toBe(3);
  });
});
