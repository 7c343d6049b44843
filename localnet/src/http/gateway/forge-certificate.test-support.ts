// Test-only (never bundled into the canister): a replica's certificate over a canister's certified
// data, signed with a BLS key the test makes, so gateway tests can build canned certified responses.
import { bls12_381 } from '@noble/curves/bls12-381';
import { concat, LabeledTrie } from '../../testing/http-fixture/labeled-trie.js';
import {
  encodeCbor,
  encodeHashTree,
  SELF_DESCRIBE,
} from '../../testing/http-fixture/asset-cbor.js';

const DER_PREFIX = Uint8Array.from(
  '308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100'
    .match(/../g)!
    .map((h) => parseInt(h, 16)),
);

export interface TestRootKey {
  secret: Uint8Array;
  der: Uint8Array;
}

export function makeRootKey(): TestRootKey {
  const secret = bls12_381.utils.randomPrivateKey();
  return { secret, der: concat([DER_PREFIX, bls12_381.getPublicKeyForShortSignatures(secret)]) };
}

function lebBig(n: bigint): Uint8Array {
  const out: number[] = [];
  do {
    let b = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) b |= 0x80;
    out.push(b);
  } while (n > 0n);
  return Uint8Array.from(out);
}

/** CBOR certificate `{tree, signature}` with `canister/<id>/certified_data` and `time`. */
export function forgeCertificate(
  key: TestRootKey,
  canisterId: Uint8Array,
  certifiedData: Uint8Array,
  timeNs: bigint,
): Uint8Array {
  const state = new LabeledTrie();
  state.insert(['canister', canisterId, 'certified_data'], certifiedData);
  state.insert(['time'], lebBig(timeNs));
  const msg = concat([
    Uint8Array.of(13),
    new TextEncoder().encode('ic-state-root'),
    state.digest(),
  ]);
  const sig = bls12_381.signShortSignature(msg, key.secret);
  return concat([
    SELF_DESCRIBE,
    Uint8Array.of(0xa2),
    encodeCbor('tree'),
    encodeHashTree(state.fullTree(), false),
    encodeCbor('signature'),
    encodeCbor(sig),
  ]);
}
