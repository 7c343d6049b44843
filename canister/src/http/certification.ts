// HTTP certification v1 and v2 (HTTP Gateway Protocol spec; the layout II's asset_util uses).
// v1: `http_assets/<path>` → sha256(decoded body). v2: `http_expr/<segments>/<$ or *>/
// sha256(expr)/""/response_hash` → "" (certify the response, not the request).
import { toBase64, utf8 } from '../bytes.js';
import { type CborPreEncoded, type CborValue, encodeSelfDescribed } from '../certification/cbor.js';
import {
  representationIndependentHashOfPairs,
  type RihValue,
} from '../certification/representation-independent-hash.js';
import { sha256 } from '../certification/sha256.js';

export type Header = [string, string];

/** Every response header certified, the request not: what II serves its assets with. */
export const DEFAULT_EXPRESSION =
  'default_certification(ValidationArgs{certification:Certification{no_request_certification:Empty{}, response_certification:ResponseCertification{response_header_exclusions:ResponseHeaderList{headers:[]}}}})';
/** The canister itself says "do not verify" (used for dynamic /metrics). */
export const SKIP_EXPRESSION = 'default_certification(ValidationArgs{no_certification:Empty{}})';

export const DEFAULT_EXPRESSION_HASH = sha256(utf8(DEFAULT_EXPRESSION));
export const SKIP_EXPRESSION_HASH = sha256(utf8(SKIP_EXPRESSION));

export const EXPRESSION_HEADER = 'IC-CertificateExpression';
export const CERTIFICATE_HEADER = 'IC-Certificate';
export const V1_LABEL = 'http_assets';
export const V2_LABEL = 'http_expr';
export const EXACT = '<$>';
export const WILDCARD = '<*>';

/**
 * v2 response hash with no header exclusions: lowercased names, IC-Certificate left out (it
 * carries the certification itself), the status as `:ic-cert-status`, then sha256 of the body
 * exactly as sent (gzip bytes for a gzip response).
 */
export function responseHash(
  status: number,
  headers: readonly Header[],
  body: Uint8Array,
): Uint8Array {
  return responseHashWithBodyHash(status, headers, sha256(body));
}

/** The same, with sha256(body) precomputed (the build script computes body hashes in Node). */
export function responseHashWithBodyHash(
  status: number,
  headers: readonly Header[],
  bodyHash: Uint8Array,
): Uint8Array {
  const pairs: [string, RihValue][] = [];
  for (const [k, v] of headers) {
    const name = k.toLowerCase();
    if (name !== 'ic-certificate') pairs.push([name, v]);
  }
  pairs.push([':ic-cert-status', BigInt(status)]);
  return sha256(representationIndependentHashOfPairs(pairs), bodyHash);
}

/**
 * Segments as the verifier splits a request path: empty segments dropped, and a trailing "" for
 * a path ending in "/" (so `/` → [""], `/a/` → ["a", ""], `/a//b` → ["a", "b"]).
 */
export function pathSegments(path: string): string[] {
  const segs = path.split('/').filter((s) => s.length > 0);
  if (path.endsWith('/')) segs.push('');
  return segs;
}

/** The canonical form of a request path: what the verifier would certify it under. */
export function normalizePath(path: string): string {
  const segs = pathSegments(path);
  if (segs.length === 1 && segs[0] === '') return '/';
  return '/' + segs.join('/');
}

export const exactExprPath = (path: string): string[] => [V2_LABEL, ...pathSegments(path), EXACT];

/** Fallback for every path: the wildcard at the root directory. */
export const FALLBACK_EXPR_PATH: readonly string[] = [V2_LABEL, '', WILDCARD];

/**
 * The wildcard paths the verifier requires to be absent before it accepts `responding` for
 * `path` (ic-http-certification's more_specific_wildcards_for, from the full path back up to
 * the responding wildcard), each with the `http_expr` prefix and `<*>` suffix.
 */
export function moreSpecificWildcards(path: string, responding: readonly string[]): string[][] {
  // (No Array.prototype.at: not every QuickJS build has it.)
  const last = (p: string[]): string | undefined => p[p.length - 1];
  const strip = (p: string[]): string[] => {
    const out = [...p];
    if (out[0] === V2_LABEL) out.shift();
    if (last(out) === EXACT || last(out) === WILDCARD) out.pop();
    if (out.length > 1 && out[0] === '') out.shift();
    return out;
  };
  const potential = strip(pathSegments(path));
  const resp = strip([...responding]);
  const result: string[][] = [];
  while (potential.length > resp.length || last(potential) !== last(resp)) {
    result.push([V2_LABEL, ...potential, WILDCARD]);
    if (last(potential) === '') potential.pop();
    else {
      potential.pop();
      potential.push('');
    }
    if (potential.length === 0 && resp.length === 0) break;
  }
  return result;
}

/** Leaf path of a v2 entry certified with DEFAULT_EXPRESSION. */
export const v2EntryPath = (
  exprPath: readonly string[],
  resHash: Uint8Array,
): (string | Uint8Array)[] => [...exprPath, DEFAULT_EXPRESSION_HASH, '', resHash];

/** Leaf path of a skip-certification entry. */
export const skipEntryPath = (exprPath: readonly string[]): (string | Uint8Array)[] => [
  ...exprPath,
  SKIP_EXPRESSION_HASH,
];

/**
 * The IC-Certificate header value. `certificate` = ic0.data_certificate(); `fullTree` = the
 * assets witness joined with the pruned `sig` side, i.e. a tree whose root is certified_data.
 * Pass `exprPath` for v2 (adds `expr_path` and `version=2`), omit it for v1.
 */
export function icCertificateHeader(
  certificate: Uint8Array,
  fullTree: CborValue,
  exprPath?: readonly string[] | CborPreEncoded,
): Header {
  let value = `certificate=:${toBase64(certificate)}:, tree=:${toBase64(encodeSelfDescribed(fullTree))}:`;
  if (exprPath) value += `, expr_path=:${toBase64(encodeSelfDescribed(exprPath))}:, version=2`;
  return [CERTIFICATE_HEADER, value];
}
