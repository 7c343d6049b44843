import { decode } from '@dfinity/cbor';
import { describe, expect, it } from 'vitest';
import { fork, labeled, leaf, pruned } from '../certification/hash-tree.js';
import { asHex } from '../certification/test-support.js';
import { encodeCanisterSignature } from './canister-signature.js';
import { mainnet } from './test-mainnet-vector.js';

describe('encodeCanisterSignature', () => {
  it('re-encodes the real mainnet signature byte for byte (tag 55799, certificate before tree)', () => {
    expect(asHex(encodeCanisterSignature(mainnet.certificate, mainnet.tree))).toBe(
      asHex(mainnet.signature),
    );
  });
  it('decodes (agent side) to {certificate, tree}', () => {
    const cert = new Uint8Array([0xd9, 0xd9, 0xf7, 0xa0]);
    const tree = fork(pruned(new Uint8Array(32).fill(3)), labeled('sig', leaf(new Uint8Array())));
    const bytes = encodeCanisterSignature(cert, tree);
    expect(asHex(bytes.subarray(0, 3))).toBe('d9d9f7');
    const v = decode(bytes) as { certificate: Uint8Array; tree: unknown };
    expect(Object.keys(v)).toEqual(['certificate', 'tree']);
    expect(v.certificate).toEqual(cert);
    expect(v.tree).toEqual([
      1,
      [4, new Uint8Array(32).fill(3)],
      [2, new TextEncoder().encode('sig'), [3, new Uint8Array()]],
    ]);
  });
});
