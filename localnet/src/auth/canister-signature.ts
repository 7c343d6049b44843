/**
 * Canister signatures (IC spec "Canister signatures"): key = DER(OID 1.3.6.1.4.1.56387.1.2,
 * |canister id| ‖ canister id ‖ seed); signature = CBOR {certificate, tree}. Valid iff the certificate
 * verifies for the signing canister, certifies reconstruct(tree) as its certified_data, and the
 * well-formed tree contains ["sig", sha256(seed), sha256(payload)] = "".
 */
import { createHash } from 'node:crypto';
import { decode } from '@dfinity/cbor';
import { bytesEqual } from '../bytes.js';
import { verifyCertificate } from './verify-certificate.js';
import { SignatureError } from './errors.js';
import { isWellFormed, lookupPath, parseHashTree, reconstruct } from './hash-tree-lookup.js';
import type { Spki } from './spki.js';
import type { Verifier, VerifierContext } from './verifier.js';

export const CANISTER_SIGNATURE_OID = '1.3.6.1.4.1.56387.1.2';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

export function parseCanisterSignatureKey(key: Uint8Array): {
  canisterId: Uint8Array;
  seed: Uint8Array;
} {
  const len = key[0];
  if (key.length < 1 || len > 29 || key.length < 1 + len)
    throw new SignatureError('malformed canister signature public key');
  return { canisterId: key.subarray(1, 1 + len), seed: key.subarray(1 + len) };
}

export function canisterSignatureVerifier(spki: Spki, ctx: VerifierContext): Verifier {
  if (spki.parameters !== undefined)
    throw new SignatureError('canister signature key must not have parameters');
  const { canisterId, seed } = parseCanisterSignatureKey(spki.key);
  return {
    scheme: 'canister-signature',
    async verify(message, signature) {
      let v: unknown;
      try {
        v = decode(signature);
      } catch (e) {
        throw new SignatureError(`signature is not valid CBOR: ${(e as Error).message}`);
      }
      const m = v as Record<string, unknown> | null;
      if (!m || typeof m !== 'object' || !(m.certificate instanceof Uint8Array)) {
        throw new SignatureError('signature must be a map {certificate: blob, tree: hash-tree}');
      }
      const tree = parseHashTree(m.tree);
      const certTree = verifyCertificate(m.certificate, ctx.rootKey, canisterId);
      const certified = lookupPath(['canister', canisterId, 'certified_data'], certTree);
      if (certified.status !== 'found' || !bytesEqual(certified.value, reconstruct(tree))) {
        throw new SignatureError(
          'certified_data of the signing canister does not match the root hash of the signature tree',
        );
      }
      if (!isWellFormed(tree)) throw new SignatureError('signature tree is not well-formed');
      const sig = lookupPath(['sig', sha256(seed), sha256(message)], tree);
      if (sig.status !== 'found' || sig.value.length !== 0) {
        throw new SignatureError(
          'the signature tree does not contain ["sig", sha256(seed), sha256(message)]',
        );
      }
    },
  };
}
