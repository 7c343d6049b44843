/**
 * Certification for the canister (runs in Azle's QuickJS): IC hash trees, a labeled tree with
 * cached hashes, a tiny CBOR encoder, and the layout of the one certified data root.
 */
export { CertificationError, CERTIFICATION_ERRORS, type CertificationErrorCode } from './errors.js';
export { hashCallCount, sha224, sha256 } from './sha256.js';
export {
  domainSeparator,
  empty,
  fork,
  hashEmpty,
  hashFork,
  hashLabeled,
  hashLeaf,
  labeled,
  leaf,
  pruned,
  reconstruct,
  type HashTree,
} from './hash-tree.js';
export { LabeledTree, type Label } from './labeled-tree.js';
export { encodeCbor, encodeSelfDescribed, tagged, type CborValue } from './cbor.js';
export { encodeLeb128 } from './leb128.js';
export {
  representationIndependentHash,
  representationIndependentHashOfPairs,
  type RihMap,
  type RihValue,
} from './representation-independent-hash.js';
export {
  assetCertificateTree,
  assetsRootHashOf,
  assetWitnessTree,
  certifiedDataRoot,
  HTTP_ASSETS_LABEL,
  HTTP_EXPR_LABEL,
  labeledSigHash,
  SIG_LABEL,
  signatureWitnessTree,
} from './certified-data.js';
