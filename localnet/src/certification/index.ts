/**
 * Certification: the IC state tree with cached hashes, witnesses (including absence proofs),
 * BLS-signed certificates, the `/subnet` subtree and node signatures on query responses.
 */
export { CertificationError, CERTIFICATION_ERRORS, type CertificationErrorCode } from './errors.js';
export { compareLabels, labelBytes, type Label } from './label.js';
export {
  EMPTY_HASH,
  HashTreeNode,
  domainSeparator,
  empty,
  fork,
  hashFork,
  hashLabeled,
  hashLeaf,
  labeled,
  leaf,
  pruned,
  reconstruct,
  type HashTree,
} from './hash-tree.js';
export { StateTree, type Path } from './state-tree.js';
export type { WitnessOptions } from './witness.js';
export { encodeLeb128, decodeLeb128 } from './leb128.js';
export {
  representationIndependentHash,
  type RihMap,
  type RihValue,
} from './representation-independent-hash.js';
export { BlsKey, BLS_DER_PREFIX, BLS_SIGNATURE_DST, blsVerify } from './bls-key.js';
export { NodeKey, ed25519Verify } from './node-key.js';
export { Certifier, STATE_ROOT_DOMAIN_SEPARATOR, encodeCertificate } from './certifier.js';
export { encodeCanisterRanges, writeSubnetState, type CanisterRange } from './subnet.js';
export {
  RESPONSE_DOMAIN_SEPARATOR,
  queryResponseHash,
  signQueryResponse,
  signQueryResponseAsync,
  verifyQueryResponseSignature,
  type NodeSignature,
  type QueryResponse,
} from './query-signature.js';
