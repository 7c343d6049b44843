// Test-only helpers (never imported by the canister): a forged replica certificate over
// certified data, the sig side of the tree, and the real gateway verifier.
import { bls12_381 } from '@noble/curves/bls12-381';
import { Principal } from '@dfinity/principal';
import {
  verifyRequestResponsePair,
  ResponseVerificationError,
  ResponseVerificationErrorCode,
} from '@dfinity/response-verification';
import { concatBytes, fromHex, utf8 } from '../bytes.js';
import { type CborPreEncoded, type CborValue, encodeSelfDescribed } from '../certification/cbor.js';
import { domainSeparator, reconstruct, type HashTree } from '../certification/hash-tree.js';
import { encodeLeb128 } from '../certification/leb128.js';
import { sha256 } from '../certification/sha256.js';
import { TrieBuilder } from './cert-trie.js';
import type { HttpRequestT, HttpResponseT } from '../candid.js';

export const CANISTER_ID = Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai');

const DER_PREFIX = fromHex(
  '308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100',
);

export interface TestKey {
  secret: Uint8Array;
  der: Uint8Array;
}

export function makeRootKey(): TestKey {
  const secret = bls12_381.utils.randomPrivateKey();
  return {
    secret,
    der: concatBytes([DER_PREFIX, bls12_381.getPublicKeyForShortSignatures(secret)]),
  };
}

/** A certificate `{tree, signature}` over `canister/<id>/certified_data` and `time`. */
export function forgeCertificate(
  key: TestKey,
  certifiedData: Uint8Array,
  timeNs: bigint,
): Uint8Array {
  const state = new TrieBuilder()
    .insert(['canister', CANISTER_ID.toUint8Array(), 'certified_data'], certifiedData)
    .insert(['time'], encodeLeb128(timeNs))
    .build();
  const tree = state.witness([[]]);
  const msg = concatBytes([domainSeparator('ic-state-root'), reconstruct(tree)]);
  const sig = bls12_381.signShortSignature(msg, key.secret);
  return encodeSelfDescribed({ tree, signature: sig });
}

/** A stand-in sig subtree: what certification/ would hold. */
export const SIG_TREE: HashTree = [
  2,
  utf8('sig'),
  [2, sha256(utf8('seed')), [2, sha256(utf8('msg')), [3, new Uint8Array(0)]]],
];
export const SIG_SIDE_HASH = reconstruct(SIG_TREE);
export const withSigSide = (assetWitness: HashTree | CborPreEncoded): CborValue => [
  1,
  assetWitness,
  [4, SIG_SIDE_HASH],
];
export const certifiedData = (assetsRootHash: Uint8Array): Uint8Array =>
  reconstruct([1, [4, assetsRootHash], [4, SIG_SIDE_HASH]]);

export const NOW_NS = BigInt(Date.now()) * 1_000_000n;

export function request(url: string, opts: Partial<HttpRequestT> = {}): HttpRequestT {
  return {
    method: 'GET',
    url,
    headers: [],
    body: new Uint8Array(0),
    certificate_version: [2],
    ...opts,
  };
}

export type Verdict =
  { ok: true; version: number; certifiedStatus?: number } | { ok: false; reason: string };

/** ic-response-verification exactly as boundary nodes call it. */
export function verify(key: TestKey, req: HttpRequestT, res: HttpResponseT): Verdict {
  try {
    const info = verifyRequestResponsePair(
      {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: req.body,
        certificate_version: req.certificate_version,
      },
      { status_code: res.status_code, headers: res.headers, body: res.body },
      CANISTER_ID.toUint8Array(),
      NOW_NS,
      300_000_000_000n,
      key.der,
      1,
    );
    return {
      ok: true,
      version: info.verificationVersion,
      certifiedStatus: info.response?.statusCode,
    };
  } catch (e) {
    if (e instanceof ResponseVerificationError)
      return { ok: false, reason: `${ResponseVerificationErrorCode[e.code]}: ${e.message}` };
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
