// The served assets and the asset side of certified data, built once at init/post_upgrade from
// the generated module. Static assets come fully precomputed; only HTML (a few KiB, whose body
// holds the canister id and whose CSP holds the init config) is hashed here.
import { fromBase64, fromHex, utf8 } from '../bytes.js';
import { type CborPreEncoded, preEncoded } from '../certification/cbor.js';
import type { HashTree } from '../certification/hash-tree.js';
import { sha256 } from '../certification/sha256.js';
import { TrieBuilder, type CertTrie } from './cert-trie.js';
import {
  exactExprPath,
  FALLBACK_EXPR_PATH,
  moreSpecificWildcards,
  normalizePath,
  responseHash,
  skipEntryPath,
  V1_LABEL,
  v2EntryPath,
  type Header,
} from './certification.js';
import { GENERATED_FORMAT_VERSION, type GeneratedAssets } from './generated-types.js';
import {
  assetHeaders,
  methodNotAllowedResponse,
  notFoundResponse,
  type PlainResponse,
} from './responses.js';
import { htmlSecurityHeaders, type CspConfig } from './security-headers.js';
import { fillTemplate } from './templating.js';

/** Paths served dynamically and certified with the skip expression. */
export const METRICS_PATH = '/metrics';

export interface AssetConfig extends CspConfig {
  /** Text form of this canister's id (from ic0.canister_self at init). */
  canisterId: string;
  /** Development deployments only: the page fetches the root key (see templating.ts). */
  fetchRootKey?: boolean;
  /** Test flavor only: whether registration asks for a captcha (see templating.ts). */
  captcha?: boolean;
}

export interface CertifiedResponse extends PlainResponse {
  /** v2 response hash of (status, headers, body). */
  responseHash: Uint8Array;
}

export interface ServedAsset {
  path: string;
  identity: CertifiedResponse;
  gzip?: CertifiedResponse;
  /**
   * Its v2 certificate parts, encoded once when the tables are built: queries cannot keep what
   * they compute, and building and encoding them per request cost ~2 M instructions.
   */
  certification: {
    exprPath: CborPreEncoded;
    /** The exact-path witness of `identity` or `gzip` (not of the shared 405). */
    witnessOf(r: CertifiedResponse): CborPreEncoded | undefined;
  };
}

export interface AssetTables {
  /** Hash of `fork(labeled("http_assets", v1), labeled("http_expr", v2))`. */
  readonly assetsRootHash: Uint8Array;
  /** Asset served under a canonical path (see normalizePath), if any. */
  lookup(path: string): ServedAsset | undefined;
  readonly notFound: CertifiedResponse;
  readonly methodNotAllowed: CertifiedResponse;
  /** Witness for a v1 response of the asset at `path` (exact, as requested). */
  v1Witness(path: string): HashTree;
  /** Witness for a v2 response certified at the exact path. */
  exactWitness(path: string, resHash: Uint8Array): HashTree;
  /** Witness for a v2 response from the root fallback, with absence proofs for `path`. */
  fallbackWitness(path: string, resHash: Uint8Array): HashTree;
  /** Witness for a skip-certified path (/metrics). */
  skipWitness(path: string): HashTree;
  /** /metrics' skip witness and expression path, encoded once like the assets' (see ServedAsset). */
  readonly metricsCertification: { witness: CborPreEncoded; exprPath: CborPreEncoded };
  /** The underlying trie (tests and diagnostics). */
  readonly trie: CertTrie;
}

export type BuildResult = { ok: true; tables: AssetTables } | { ok: false; error: string };

function certified(r: PlainResponse): CertifiedResponse {
  return { ...r, responseHash: responseHash(r.status, r.headers, r.body) };
}

export function buildAssetTables(generated: GeneratedAssets, config: AssetConfig): BuildResult {
  if (generated.formatVersion !== GENERATED_FORMAT_VERSION)
    return { ok: false, error: `generated assets: format ${generated.formatVersion} unsupported` };
  const byPath = new Map<string, Omit<ServedAsset, 'certification'>>();
  const v1Leaves = new Map<string, Uint8Array>();
  const htmlSecurity: Header[] = htmlSecurityHeaders(config);

  for (const a of generated.assets) {
    let identity: CertifiedResponse;
    let gzip: CertifiedResponse | undefined;
    let identityHash: Uint8Array;
    if (a.kind === 'html') {
      let body = fromBase64(a.bodyBase64);
      if (a.templated) {
        const filled = fillTemplate(new TextDecoder().decode(body), {
          canisterId: config.canisterId,
          apiHost: config.apiHost ?? null,
          fetchRootKey: config.fetchRootKey ?? false,
          ...(config.captcha === undefined ? {} : { captcha: config.captcha }),
        });
        if (!filled.ok) return { ok: false, error: `${a.file}: ${filled.error}` };
        body = utf8(filled.html);
      }
      identityHash = sha256(body);
      identity = certified({
        status: 200,
        headers: assetHeaders(a.contentType, 'identity', htmlSecurity, a.file),
        body,
      });
    } else {
      identityHash = fromHex(a.identitySha256);
      for (const e of a.encodings) {
        const r: CertifiedResponse = {
          status: 200,
          headers: e.headers,
          body: fromBase64(e.bodyBase64),
          responseHash: fromHex(e.responseHash),
        };
        if (e.encoding === 'identity') identity = r;
        else gzip = r;
      }
      if (!identity!) return { ok: false, error: `${a.file}: no identity encoding` };
    }
    for (const raw of a.paths) {
      const path = normalizePath(raw);
      if (path !== raw) return { ok: false, error: `${a.file}: path ${raw} is not canonical` };
      if (path === METRICS_PATH) return { ok: false, error: `${a.file}: ${path} is reserved` };
      if (byPath.has(path)) return { ok: false, error: `${a.file}: path ${path} served twice` };
      byPath.set(path, { path, identity, gzip });
      v1Leaves.set(path, identityHash);
    }
  }

  // The II layout needs both labels under the assets root; an empty site is a build mistake.
  if (byPath.size === 0) return { ok: false, error: 'generated assets: no assets' };
  const notFound = certified(notFoundResponse());
  const methodNotAllowed = certified(methodNotAllowedResponse());
  const builder = new TrieBuilder();
  for (const [path, leaf] of v1Leaves) builder.insert([V1_LABEL, path], leaf);
  const empty = new Uint8Array(0);
  for (const [path, asset] of byPath) {
    const expr = exactExprPath(path);
    builder.insert(v2EntryPath(expr, asset.identity.responseHash), empty);
    if (asset.gzip) builder.insert(v2EntryPath(expr, asset.gzip.responseHash), empty);
    builder.insert(v2EntryPath(expr, methodNotAllowed.responseHash), empty);
  }
  builder.insert(v2EntryPath(FALLBACK_EXPR_PATH, notFound.responseHash), empty);
  builder.insert(v2EntryPath(FALLBACK_EXPR_PATH, methodNotAllowed.responseHash), empty);
  builder.insert(skipEntryPath(exactExprPath(METRICS_PATH)), empty);
  const trie = builder.build();
  const served = new Map<string, ServedAsset>();
  for (const [path, asset] of byPath) {
    const witnesses = new Map<CertifiedResponse, CborPreEncoded>();
    for (const r of [asset.identity, asset.gzip])
      if (r)
        witnesses.set(
          r,
          preEncoded(trie.witness([v2EntryPath(exactExprPath(path), r.responseHash)])),
        );
    served.set(path, {
      ...asset,
      certification: {
        exprPath: preEncoded(exactExprPath(path)),
        witnessOf: (r) => witnesses.get(r),
      },
    });
  }

  return {
    ok: true,
    tables: {
      assetsRootHash: trie.rootHash,
      trie,
      notFound,
      methodNotAllowed,
      lookup: (path) => served.get(path),
      v1Witness: (path) => trie.witness([[V1_LABEL, path]]),
      exactWitness: (path, h) => trie.witness([v2EntryPath(exactExprPath(path), h)]),
      fallbackWitness: (path, h) =>
        trie.witness([
          v2EntryPath(FALLBACK_EXPR_PATH, h),
          exactExprPath(path),
          ...moreSpecificWildcards(path, FALLBACK_EXPR_PATH),
        ]),
      skipWitness: (path) => trie.witness([skipEntryPath(exactExprPath(path))]),
      metricsCertification: {
        witness: preEncoded(trie.witness([skipEntryPath(exactExprPath(METRICS_PATH))])),
        exprPath: preEncoded(exactExprPath(METRICS_PATH)),
      },
    },
  };
}
