/**
 * The canister's ONE certified data root, shared by asset certification and canister signatures
 * (the layout the official II uses since 2023):
 *
 *   root        = fork(assets_root, labeled("sig", sig_tree))
 *   assets_root = fork(labeled("http_assets", v1_tree), labeled("http_expr", v2_tree))
 *
 * Label order. A verifier flattens the forks of a subtree into a list of labeled nodes and requires
 * it strictly increasing by byte-wise label order (spec `well_formed`; `lookup` relies on it to
 * prove absence). Here the top-level list is [http_assets, http_expr, sig]:
 *   "http_assets" < "http_expr": equal up to "http_", then 'a' (0x61) < 'e' (0x65);
 *   "http_expr"   < "sig":       'h' (0x68) < 's' (0x73).
 * So "sig" must be the RIGHT child of the top fork, and the assets pair the LEFT one. Both kinds of
 * witness below keep exactly this fork shape and prune the other side, so an asset certificate and
 * a canister signature reconstruct the same root hash and verify against the same certified_data.
 * (Pruned nodes carry no label, so a pruned left side never breaks the order check.)
 */
import { bytesEqual, utf8 } from '../bytes.js';
import type { CborPreEncoded, CborValue } from './cbor.js';
import { CertificationError } from './errors.js';
import { fork, hashFork, hashLabeled, labeled, pruned, type HashTree } from './hash-tree.js';

export const SIG_LABEL = utf8('sig');
export const HTTP_ASSETS_LABEL = utf8('http_assets');
export const HTTP_EXPR_LABEL = utf8('http_expr');

function check(hash: Uint8Array, what: string): void {
  if (hash.length !== 32) throw new CertificationError('II_ERR_CERT_HASH_LENGTH', what);
}

/** assets_root from the hashes of the v1 (`http_assets`) and v2 (`http_expr`) asset trees. */
export function assetsRootHashOf(httpAssetsTreeHash: Uint8Array, httpExprTreeHash: Uint8Array) {
  check(httpAssetsTreeHash, 'http_assets tree hash');
  check(httpExprTreeHash, 'http_expr tree hash');
  return hashFork(
    hashLabeled(HTTP_ASSETS_LABEL, httpAssetsTreeHash),
    hashLabeled(HTTP_EXPR_LABEL, httpExprTreeHash),
  );
}

/**
 * The last labeled sig hash. Every update that sets certified data computes it (certifiedDataRoot),
 * in the heap that persists, so the queries after it (each http_request joins it to its witness)
 * find it here instead of hashing again (~2 M instructions in the canister).
 */
let last: { sigTreeHash: Uint8Array; labeled: Uint8Array } | undefined;

/** hash(labeled("sig", sig_tree)): what an asset witness prunes the signature side to. */
export function labeledSigHash(sigTreeHash: Uint8Array): Uint8Array {
  check(sigTreeHash, 'sig tree hash');
  if (last && bytesEqual(last.sigTreeHash, sigTreeHash)) return last.labeled.slice();
  const labeled = hashLabeled(SIG_LABEL, sigTreeHash);
  last = { sigTreeHash: sigTreeHash.slice(), labeled: labeled.slice() };
  return labeled;
}

/** The 32 bytes to pass to `setCertifiedData` (2 SHA-256 calls). */
export function certifiedDataRoot(assetsRootHash: Uint8Array, sigTreeHash: Uint8Array): Uint8Array {
  check(assetsRootHash, 'assets root hash');
  return hashFork(assetsRootHash, labeledSigHash(sigTreeHash));
}

/** The `tree` of a canister signature: fork(pruned(assets_root), labeled("sig", sigWitness)). */
export function signatureWitnessTree(assetsRootHash: Uint8Array, sigWitness: HashTree): HashTree {
  check(assetsRootHash, 'assets root hash');
  return fork(pruned(assetsRootHash), labeled(SIG_LABEL, sigWitness));
}

/**
 * The `tree` of an asset certificate (IC-Certificate header): fork(assetWitness,
 * pruned(hash(labeled("sig", sig_tree)))), where `assetWitness` is a witness of assets_root.
 */
export function assetWitnessTree(assetWitness: HashTree, sigTreeHash: Uint8Array): HashTree {
  return fork(assetWitness, pruned(labeledSigHash(sigTreeHash)));
}

/** The same tree for encoding, from a witness that may have been encoded at install already. */
export function assetCertificateTree(
  assetWitness: HashTree | CborPreEncoded,
  sigTreeHash: Uint8Array,
): CborValue {
  return [1, assetWitness, pruned(labeledSigHash(sigTreeHash))];
}
