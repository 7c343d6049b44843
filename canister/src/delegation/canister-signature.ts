/**
 * The canister signature value (interface spec "Canister signatures"): self-describing CBOR
 *   {certificate: <bytes of data_certificate()>, tree: <witness reconstructing to certified_data>}
 * with `certificate` first, byte for byte as II emits it (d9 d9 f7 a2 6b "certificate" ...).
 */
import { encodeSelfDescribed } from '../certification/cbor.js';
import type { HashTree } from '../certification/hash-tree.js';

export function encodeCanisterSignature(certificate: Uint8Array, tree: HashTree): Uint8Array {
  return encodeSelfDescribed({ certificate, tree });
}
