/**
 * Verification of IC certificates as canister signatures need it (spec "Certification"):
 * BLS signature over "\x0Dic-state-root" ‖ root hash, by the root key or by a subnet key that a
 * delegation certificate (signed by the root key, itself without delegation) vouches for, with the
 * signing canister inside that subnet's canister ranges. No time check: the spec asks none for
 * canister signatures (and the replica's ICCSA verifier does none).
 */
import { createHash } from 'node:crypto';
import { decode } from '@dfinity/cbor';
import { bls12_381 } from '../certification/bls12-381.js';
import { bytesEqual, compareBytes, concatBytes, domainSeparator, toHex } from '../bytes.js';
import { SignatureError } from './errors.js';
import {
  isWellFormed,
  labeledChildren,
  lookupPath,
  lookupSubtree,
  parseHashTree,
  reconstruct,
  type HashTree,
} from './hash-tree-lookup.js';

const BLS_DER_PREFIX = Buffer.from(
  '308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100',
  'hex',
);
const STATE_ROOT = domainSeparator('ic-state-root');

// BLS verification costs milliseconds; a session reuses one delegation (one certificate) for
// every call, so successful verifications are remembered, bounded.
const verifiedCache = new Map<string, true>();
const CACHE_LIMIT = 4096;

function blsVerify(key: Uint8Array, sig: Uint8Array, msg: Uint8Array): boolean {
  const id = createHash('sha256').update(key).update(sig).update(msg).digest('hex');
  if (verifiedCache.has(id)) return true;
  let ok: boolean;
  try {
    ok = sig.length === 48 && bls12_381.verifyShortSignature(sig, msg, key);
  } catch {
    ok = false;
  }
  if (ok) {
    if (verifiedCache.size >= CACHE_LIMIT) verifiedCache.delete(verifiedCache.keys().next().value!);
    verifiedCache.set(id, true);
  }
  return ok;
}

/** Forgets remembered verifications (tests and benchmarks measure the cold path with it). */
export function clearCertificateCache(): void {
  verifiedCache.clear();
}

export function extractBlsKey(der: Uint8Array): Uint8Array {
  if (
    der.length !== BLS_DER_PREFIX.length + 96 ||
    !bytesEqual(der.subarray(0, BLS_DER_PREFIX.length), BLS_DER_PREFIX)
  ) {
    throw new SignatureError('BLS public key must be the 133-byte DER of a BLS12-381 G2 key');
  }
  return der.subarray(BLS_DER_PREFIX.length);
}

interface DecodedCertificate {
  tree: HashTree;
  signature: Uint8Array;
  delegation?: { subnetId: Uint8Array; certificate: Uint8Array };
}

function decodeCertificate(bytes: Uint8Array): DecodedCertificate {
  let v: unknown;
  try {
    v = decode(bytes);
  } catch (e) {
    throw new SignatureError(`certificate is not valid CBOR: ${(e as Error).message}`);
  }
  const m = v as Record<string, unknown> | null;
  if (!m || typeof m !== 'object' || !(m.signature instanceof Uint8Array))
    throw new SignatureError('malformed certificate');
  const tree = parseHashTree(m.tree);
  if (!isWellFormed(tree)) throw new SignatureError('certificate tree is not well-formed');
  let delegation: DecodedCertificate['delegation'];
  if (m.delegation !== undefined) {
    const d = m.delegation as Record<string, unknown> | null;
    if (
      !d ||
      typeof d !== 'object' ||
      !(d.subnet_id instanceof Uint8Array) ||
      !(d.certificate instanceof Uint8Array)
    ) {
      throw new SignatureError('malformed certificate delegation');
    }
    delegation = { subnetId: d.subnet_id, certificate: d.certificate };
  }
  return { tree, signature: m.signature, delegation };
}

function decodeRanges(blob: Uint8Array): Array<[Uint8Array, Uint8Array]> {
  let v: unknown;
  try {
    v = decode(blob);
  } catch {
    throw new SignatureError('malformed canister ranges');
  }
  if (!Array.isArray(v)) throw new SignatureError('malformed canister ranges');
  return v.map((r: unknown) => {
    if (
      !Array.isArray(r) ||
      r.length !== 2 ||
      !(r[0] instanceof Uint8Array) ||
      !(r[1] instanceof Uint8Array)
    ) {
      throw new SignatureError('malformed canister ranges');
    }
    return [r[0], r[1]] as [Uint8Array, Uint8Array];
  });
}

/** Ranges from /subnet/<id>/canister_ranges, or from the sharded /canister_ranges/<id>/<start> form. */
function subnetRanges(tree: HashTree, subnetId: Uint8Array): Array<[Uint8Array, Uint8Array]> {
  const whole = lookupPath(['subnet', subnetId, 'canister_ranges'], tree);
  if (whole.status === 'found') return decodeRanges(whole.value);
  const shards = lookupSubtree(['canister_ranges', subnetId], tree);
  if (typeof shards !== 'string') {
    return labeledChildren(shards).flatMap(([, t]) => {
      if (t[0] !== 3) throw new SignatureError('malformed canister ranges');
      return decodeRanges(t[1]);
    });
  }
  throw new SignatureError(
    `canister ranges of subnet ${toHex(subnetId)} not found in the delegation`,
  );
}

/**
 * Verifies `bytes` as a certificate chained to `rootKeyDer` and valid for `canisterId`;
 * returns its tree. Throws SignatureError.
 */
export function verifyCertificate(
  bytes: Uint8Array,
  rootKeyDer: Uint8Array,
  canisterId: Uint8Array,
): HashTree {
  const cert = decodeCertificate(bytes);
  let keyDer = rootKeyDer;
  if (cert.delegation) {
    const inner = decodeCertificate(cert.delegation.certificate);
    if (inner.delegation)
      throw new SignatureError('certificate delegation must not itself be delegated');
    verifySignedTree(inner, rootKeyDer);
    const ranges = subnetRanges(inner.tree, cert.delegation.subnetId);
    if (
      !ranges.some(
        ([lo, hi]) => compareBytes(lo, canisterId) <= 0 && compareBytes(canisterId, hi) <= 0,
      )
    ) {
      throw new SignatureError(
        `canister ${toHex(canisterId)} is not in the canister ranges of the delegated subnet`,
      );
    }
    const key = lookupPath(['subnet', cert.delegation.subnetId, 'public_key'], inner.tree);
    if (key.status !== 'found')
      throw new SignatureError('subnet public key not found in the delegation');
    keyDer = key.value;
  }
  verifySignedTree(cert, keyDer);
  return cert.tree;
}

function verifySignedTree(cert: DecodedCertificate, keyDer: Uint8Array): void {
  const key = extractBlsKey(keyDer);
  const msg = concatBytes(STATE_ROOT, reconstruct(cert.tree));
  if (!blsVerify(key, cert.signature, msg))
    throw new SignatureError('certificate signature does not verify');
}
