import { describe, expect, it } from 'vitest';
import { isWellFormed, lookupPath } from '@ii/localnet/testing';
import {
  assetsRootHashOf,
  assetWitnessTree,
  certifiedDataRoot,
  labeledSigHash,
  signatureWitnessTree,
} from './certified-data.js';
import { fork, labeled, leaf, pruned, reconstruct, type HashTree } from './hash-tree.js';
import { LabeledTree } from './labeled-tree.js';
import { asHex } from './test-support.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

function setup() {
  const v1 = new LabeledTree();
  v1.insert(['/'], new Uint8Array(32).fill(1));
  v1.insert(['/index.js'], new Uint8Array(32).fill(2));
  const v2 = new LabeledTree();
  v2.insert(['', '<$>'], new Uint8Array());
  const sig = new LabeledTree();
  sig.insert([new Uint8Array(32).fill(7), new Uint8Array(32).fill(8)], new Uint8Array());
  sig.insert([new Uint8Array(32).fill(7), new Uint8Array(32).fill(9)], new Uint8Array());
  const full: HashTree = fork(
    fork(labeled('http_assets', v1.toHashTree()), labeled('http_expr', v2.toHashTree())),
    labeled('sig', sig.toHashTree()),
  );
  const assetsRoot = assetsRootHashOf(v1.rootHash(), v2.rootHash());
  return { v1, v2, sig, full, assetsRoot };
}

describe('certified data', () => {
  it('is the root hash of fork(fork(http_assets, http_expr), sig): a well-formed tree', () => {
    const { sig, full, assetsRoot } = setup();
    expect(asHex(certifiedDataRoot(assetsRoot, sig.rootHash()))).toBe(asHex(reconstruct(full)));
    expect(isWellFormed(full)).toBe(true);
    // The other order of the top fork breaks well-formedness ("sig" must come last).
    expect(isWellFormed(fork(full[2] as HashTree, full[1] as HashTree))).toBe(false);
  });
  it('signature and asset witnesses reconstruct the same certified data and look up their paths', () => {
    const { v1, sig, assetsRoot } = setup();
    const root = certifiedDataRoot(assetsRoot, sig.rootHash());
    const seed = new Uint8Array(32).fill(7);
    const msg = new Uint8Array(32).fill(9);
    const sigTree = signatureWitnessTree(assetsRoot, sig.witness([seed, msg])!);
    expect(reconstruct(sigTree)).toEqual(root);
    expect(isWellFormed(sigTree)).toBe(true);
    expect(lookupPath(['sig', seed, msg], sigTree)).toEqual({
      status: 'found',
      value: new Uint8Array(),
    });
    expect(sigTree[0] === 1 && sigTree[1][0]).toBe(4); // left side pruned, as II emits it

    const { v2 } = setup();
    const assetWitness = fork(
      labeled('http_assets', v1.witness(['/index.js'])!),
      pruned(reconstruct(labeled('http_expr', v2.toHashTree()))),
    );
    const assetTree = assetWitnessTree(assetWitness, sig.rootHash());
    expect(reconstruct(assetTree)).toEqual(root);
    expect(isWellFormed(assetTree)).toBe(true);
    expect(lookupPath(['http_assets', '/index.js'], assetTree)).toEqual({
      status: 'found',
      value: new Uint8Array(32).fill(2),
    });
    expect(labeledSigHash(sig.rootHash())).toEqual(reconstruct(labeled('sig', sig.toHashTree())));
  });
  it('changes when any part changes', () => {
    const { sig, assetsRoot } = setup();
    const before = certifiedDataRoot(assetsRoot, sig.rootHash());
    sig.insert([new Uint8Array(32), new Uint8Array(32)], new Uint8Array());
    expect(certifiedDataRoot(assetsRoot, sig.rootHash())).not.toEqual(before);
    expect(reconstruct(leaf(utf8('x')))).not.toEqual(before);
  });
  it('rejects hashes that are not 32 bytes', () => {
    expect(() => certifiedDataRoot(new Uint8Array(31), new Uint8Array(32))).toThrow(/32 bytes/);
    expect(() => signatureWitnessTree(new Uint8Array(33), [0])).toThrow(/32 bytes/);
    expect(() => assetWitnessTree([0], new Uint8Array(0))).toThrow(/32 bytes/);
  });
});
