import { CanisterStatus, Certificate, check_canister_ranges } from '@dfinity/agent';
import { decode } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { Certifier } from './certifier.js';
import { encodeLeb128 } from './leb128.js';
import { StateTree } from './state-tree.js';
import { encodeCanisterRanges, writeSubnetState } from './subnet.js';
import { hex, nowNanos } from './test-support.js';

const lo = Principal.fromHex('00000000000000000101');
const hi = Principal.fromHex('00000000000fffff0101');
const inside = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai'); // 00000000000000070101
const outside = Principal.fromHex('00000000001000000101');

describe('subnet state', () => {
  const certifier = Certifier.fromSeed(new Uint8Array(32).fill(5));
  const tree = new StateTree();
  tree.set(['time'], encodeLeb128(nowNanos()));
  writeSubnetState(tree, certifier, [[lo, hi]]);

  it('encodes canister ranges as tagged CBOR pairs of principal bytes', () => {
    const bytes = encodeCanisterRanges([[lo, hi.toUint8Array()]]);
    expect(hex(bytes.subarray(0, 3))).toBe('d9d9f7');
    expect(decode(bytes)).toEqual([[lo.toUint8Array(), hi.toUint8Array()]]);
  });

  it('writes the keys and ranges the agent reads', () => {
    const subnet = certifier.subnetId.toUint8Array();
    expect(tree.get(['subnet', subnet, 'public_key'])).toEqual(certifier.rootKeyDer);
    expect(
      tree.get(['subnet', subnet, 'node', certifier.node.nodeId.toUint8Array(), 'public_key']),
    ).toEqual(certifier.node.publicKeyDer);
    expect(tree.labels(['subnet', subnet])).toHaveLength(3);
  });

  it('yields node keys through the agent own fetchNodeKeys, for canisters in range only', async () => {
    const bytes = certifier.certify(tree, [['subnet']]);
    const cert = await Certificate.create({
      certificate: bytes,
      rootKey: certifier.rootKeyDer,
      canisterId: inside,
    });
    expect(
      check_canister_ranges({
        canisterId: inside,
        subnetId: certifier.subnetId,
        tree: cert.cert.tree,
      }),
    ).toBe(true);
    expect(
      check_canister_ranges({
        canisterId: outside,
        subnetId: certifier.subnetId,
        tree: cert.cert.tree,
      }),
    ).toBe(false);
    const status = CanisterStatus.fetchNodeKeys(bytes, inside, certifier.rootKeyDer);
    expect(status.subnetId).toBe(certifier.subnetId.toText());
    expect([...status.nodeKeys.entries()].map(([id, key]) => [id, hex(key)])).toEqual([
      [certifier.node.nodeId.toText(), hex(certifier.node.publicKeyDer)],
    ]);
    expect(() => CanisterStatus.fetchNodeKeys(bytes, outside, certifier.rootKeyDer)).toThrow();
  });

  it('replaces earlier subnet content when written again', () => {
    const t = new StateTree();
    writeSubnetState(t, certifier, [[lo, hi]]);
    const h = hex(t.rootHash());
    writeSubnetState(t, certifier, [[lo, lo]]);
    expect(hex(t.rootHash())).not.toBe(h);
    writeSubnetState(t, certifier, [[lo, hi]]);
    expect(hex(t.rootHash())).toBe(h);
  });
});
