/**
 * The `/subnet` part of the state tree, which the agent reads (`read_state ["subnet"]`) to learn
 * the node keys that sign query responses and to check that a canister belongs to the subnet.
 */
import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import type { Principal } from '@dfinity/principal';
import type { Certifier } from './certifier.js';
import type { StateTree } from './state-tree.js';

/** An inclusive range of canister ids. */
export type CanisterRange = readonly [Principal | Uint8Array, Principal | Uint8Array];

const bytesOf = (p: Principal | Uint8Array): Uint8Array =>
  p instanceof Uint8Array ? p : p.toUint8Array();

/** CBOR (self-describe tagged, as the IC writes it) list of [lo, hi] principal byte strings. */
export function encodeCanisterRanges(ranges: readonly CanisterRange[]): Uint8Array {
  return encodeWithSelfDescribedTag(ranges.map(([lo, hi]) => [bytesOf(lo), bytesOf(hi)]));
}

/**
 * Writes `subnet/<subnet id>/{public_key, canister_ranges, node/<node id>/public_key}`. Any
 * previous content of `subnet/<subnet id>` is replaced.
 */
export function writeSubnetState(
  tree: StateTree,
  certifier: Certifier,
  canisterRanges: readonly CanisterRange[],
): void {
  const subnet = certifier.subnetId.toUint8Array();
  tree.delete(['subnet', subnet]);
  tree.set(['subnet', subnet, 'public_key'], certifier.rootKeyDer);
  tree.set(['subnet', subnet, 'canister_ranges'], encodeCanisterRanges(canisterRanges));
  tree.set(
    ['subnet', subnet, 'node', certifier.node.nodeId.toUint8Array(), 'public_key'],
    certifier.node.publicKeyDer,
  );
}
