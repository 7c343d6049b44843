// The dapp's certified site: every response it can serve, and the v2 certification tree over them
// (certified_data = the tree's root hash; nothing else is certified in this canister). Built at
// init/upgrade and rebuilt whenever the alternative origins change: the tree is small (a handful
// of paths), so a rebuild costs a few dozen hashes.
import {
  AGENT_API_HOSTS,
  assetHeaders,
  exactExprPath,
  FALLBACK_EXPR_PATH,
  fromBase64,
  fromHex,
  type HashTree,
  type Header,
  htmlSecurityHeaders,
  methodNotAllowedResponse,
  moreSpecificWildcards,
  nonHtmlSecurityHeaders,
  normalizePath,
  notFoundResponse,
  type PlainResponse,
  responseHash,
  responseHashWithBodyHash,
  sha256,
  TrieBuilder,
  utf8,
  v2EntryPath,
} from '@ii/canister/certified-assets';
import type { DappAssets } from './assets-types.js';
import { fillTemplate, type PageConfig } from './page-config.js';

export const ALTERNATIVE_ORIGINS_PATH = '/.well-known/ii-alternative-origins';
export const DEFAULT_ALTERNATIVE_ORIGINS = '{"alternativeOrigins":[]}';
/** ICRC-167: the callbacks II may send a redirect response to (`{"callbacks": [...]}`). */
export const AUTH_CALLBACKS_PATH = '/.well-known/ii-auth-callbacks';
export const DEFAULT_AUTH_CALLBACKS = '{"callbacks":[]}';

export interface CertifiedResponse extends PlainResponse {
  responseHash: Uint8Array;
}

export interface SiteInput {
  assets: DappAssets;
  page: PageConfig;
  /** Served verbatim (tests may want malformed JSON to check how II reacts). */
  alternativeOrigins: string;
  /** Served verbatim at /.well-known/ii-auth-callbacks. */
  authCallbacks: string;
}

export interface Site {
  /** What the canister passes to certified_data_set. */
  readonly rootHash: Uint8Array;
  lookup(path: string): CertifiedResponse | undefined;
  readonly notFound: CertifiedResponse;
  readonly methodNotAllowed: CertifiedResponse;
  /** Witness for a response certified at exactly `path`. */
  exactWitness(path: string, resHash: Uint8Array): HashTree;
  /** Witness for a response from the root fallback, with absence proofs for `path`. */
  fallbackWitness(path: string, resHash: Uint8Array): HashTree;
}

export class SiteError extends Error {
  override readonly name = 'SiteError';
}

const certified = (r: PlainResponse): CertifiedResponse => ({
  ...r,
  responseHash: responseHash(r.status, r.headers, r.body),
});

/**
 * HTML: never cached (its config changes on upgrade); plain http allowed (localnet). On a
 * `*.icp0.io` or `*.ic0.app` hostname the dapp's agent calls the apex API host, so the CSP allows
 * those, as Internet Identity's own page does.
 */
export function htmlHeaders(): Header[] {
  // assetHeaders adds `Cache-Control: no-cache` for HTML.
  return assetHeaders(
    'text/html; charset=utf-8',
    'identity',
    htmlSecurityHeaders({ insecureRequests: true, extraConnectSrc: AGENT_API_HOSTS }),
  );
}

/**
 * II fetches these files cross-origin (the alternative origins and the ICRC-167 auth callbacks),
 * so they must allow any origin to read them (spec).
 */
export function alternativeOriginsResponse(json: string): PlainResponse {
  return {
    status: 200,
    headers: assetHeaders('application/json', 'identity', [
      ['Access-Control-Allow-Origin', '*'],
      ['Cache-Control', 'no-cache'],
      ...nonHtmlSecurityHeaders(),
    ]),
    body: utf8(json),
  };
}

/** @throws SiteError on a malformed asset set (a path served twice, a non-canonical path). */
export function buildSite(input: SiteInput): Site {
  const byPath = new Map<string, CertifiedResponse>();
  const add = (paths: readonly string[], r: CertifiedResponse): void => {
    for (const path of paths) {
      if (normalizePath(path) !== path) throw new SiteError(`path ${path} is not canonical`);
      if (byPath.has(path)) throw new SiteError(`path ${path} is served twice`);
      byPath.set(path, r);
    }
  };
  const html = htmlHeaders();
  for (const page of input.assets.pages) {
    const body = utf8(
      fillTemplate(new TextDecoder().decode(fromBase64(page.bodyBase64)), input.page),
    );
    add(page.paths, {
      status: 200,
      headers: html,
      body,
      responseHash: responseHash(200, html, body),
    });
  }
  for (const s of input.assets.statics) {
    add(s.paths, {
      status: 200,
      headers: s.headers,
      body: fromBase64(s.bodyBase64),
      responseHash: fromHex(s.responseHash),
    });
  }
  add([ALTERNATIVE_ORIGINS_PATH], certified(alternativeOriginsResponse(input.alternativeOrigins)));
  add([AUTH_CALLBACKS_PATH], certified(alternativeOriginsResponse(input.authCallbacks)));

  const notFound = certified(notFoundResponse());
  const methodNotAllowed = certified(methodNotAllowedResponse());
  const builder = new TrieBuilder();
  const empty = new Uint8Array(0);
  for (const [path, r] of byPath) {
    const expr = exactExprPath(path);
    builder.insert(v2EntryPath(expr, r.responseHash), empty);
    builder.insert(v2EntryPath(expr, methodNotAllowed.responseHash), empty);
  }
  builder.insert(v2EntryPath(FALLBACK_EXPR_PATH, notFound.responseHash), empty);
  builder.insert(v2EntryPath(FALLBACK_EXPR_PATH, methodNotAllowed.responseHash), empty);
  const trie = builder.build();

  return {
    rootHash: trie.rootHash,
    notFound,
    methodNotAllowed,
    lookup: (path) => byPath.get(path),
    exactWitness: (path, h) => trie.witness([v2EntryPath(exactExprPath(path), h)]),
    fallbackWitness: (path, h) =>
      trie.witness([
        v2EntryPath(FALLBACK_EXPR_PATH, h),
        exactExprPath(path),
        ...moreSpecificWildcards(path, FALLBACK_EXPR_PATH),
      ]),
  };
}

/**
 * For the build script: a static file's certified headers and response hash, computed in Node.
 * `file` (relative to the site root) decides the caching: Vite's fingerprinted names are immutable.
 */
export function staticAssetHeaders(contentType: string, file = ''): Header[] {
  return assetHeaders(contentType, 'identity', nonHtmlSecurityHeaders(), file);
}
export const staticResponseHash = (headers: readonly Header[], body: Uint8Array): Uint8Array =>
  responseHashWithBodyHash(200, headers, sha256(body));
