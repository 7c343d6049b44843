// HTTP asset certification v1 and v2 (HTTP Gateway Protocol spec; II's asset_util does the same).
// Pure so localnet's tests can build the same certified responses outside the canister.
import { sha256 } from '@noble/hashes/sha2';
import { concat, LabeledTrie, type HashTree } from './labeled-trie.js';
import { encodeHashTree, encodeTextArray } from './asset-cbor.js';

const enc = new TextEncoder();

/** Certify every header, request not certified: the expression II uses. */
export const DEFAULT_CERTIFICATE_EXPRESSION =
  'default_certification(ValidationArgs{certification:Certification{no_request_certification: Empty{}, response_certification:ResponseCertification{response_header_exclusions:ResponseHeaderList{headers:[]}}}})';

export const EXPRESSION_HASH = sha256(enc.encode(DEFAULT_CERTIFICATE_EXPRESSION));

export type Header = [string, string];

export interface CertifiedAsset {
  path: string;
  status: number;
  /** Headers served with v2 (IC-CertificateExpression included), all certified. */
  headers: Header[];
  /** The body the certification covers. */
  body: Uint8Array;
}

function leb128(n: number): Uint8Array {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Uint8Array.from(out);
}

/** Representation-independent hash of a list of (name, text|nat) pairs (interface spec "hash of map"). */
export function reprIndependentHash(pairs: [string, string | number][]): Uint8Array {
  const parts = pairs.map(([k, v]) =>
    concat([sha256(enc.encode(k)), sha256(typeof v === 'number' ? leb128(v) : enc.encode(v))]),
  );
  parts.sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
  return sha256(concat(parts));
}

/** v2 response hash with no header exclusions: lowercased headers minus IC-Certificate, plus the status. */
export function responseHash(status: number, headers: Header[], body: Uint8Array): Uint8Array {
  const pairs: [string, string | number][] = headers
    .map(([k, v]): [string, string] => [k.toLowerCase(), v])
    .filter(([k]) => k !== 'ic-certificate');
  pairs.push([':ic-cert-status', status]);
  return sha256(concat([reprIndependentHash(pairs), sha256(body)]));
}

/** `/a/b` → ["a", "b"]; `/` → [""]; `/a/` → ["a", ""] (query string ignored). */
export function pathSegments(url: string): string[] {
  const path = url.split('?')[0];
  return path.split('/').slice(1);
}

export function v2ExprPath(path: string): string[] {
  return ['http_expr', ...pathSegments(path), '<$>'];
}

export function v2TreePath(asset: CertifiedAsset): (string | Uint8Array)[] {
  return [
    ...v2ExprPath(asset.path),
    EXPRESSION_HASH,
    '',
    responseHash(asset.status, asset.headers, asset.body),
  ];
}

/** The asset tree holding both v1 and v2 entries for every asset. */
export function buildAssetTree(assets: CertifiedAsset[]): LabeledTrie {
  const trie = new LabeledTrie();
  for (const a of assets) {
    trie.insert(['http_assets', a.path], sha256(a.body));
    trie.insert(v2TreePath(a), new Uint8Array(0));
  }
  return trie;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64; written out because Azle's QuickJS has no btoa (nor Buffer). */
function b64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

export function v1Witness(trie: LabeledTrie, path: string): HashTree {
  return trie.witness([['http_assets', path]]);
}

export function v2Witness(trie: LabeledTrie, asset: CertifiedAsset): HashTree {
  return trie.witness([v2TreePath(asset)]);
}

export function icCertificateV1(certificate: Uint8Array, tree: HashTree): string {
  return `certificate=:${b64(certificate)}:, tree=:${b64(encodeHashTree(tree))}:`;
}

export function icCertificateV2(certificate: Uint8Array, tree: HashTree, path: string): string {
  const exprPath = b64(encodeTextArray(v2ExprPath(path)));
  return `certificate=:${b64(certificate)}:, tree=:${b64(encodeHashTree(tree))}:, expr_path=:${exprPath}:, version=2`;
}
