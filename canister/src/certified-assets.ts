/**
 * The certified-assets toolkit this canister serves its pages with, for other canisters that
 * serve pages the same way (the test dapp): response certification (v1 and v2 expressions), the
 * certification trie, plain responses with the security headers, request paths, page templating,
 * content types, and the byte and hash helpers they need. Pure: no azle import, no Node API.
 */
export { fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.js';
export type { HashTree } from './certification/hash-tree.js';
export { sha256 } from './certification/sha256.js';
export { TrieBuilder } from './http/cert-trie.js';
export {
  FALLBACK_EXPR_PATH,
  exactExprPath,
  icCertificateHeader,
  moreSpecificWildcards,
  normalizePath,
  responseHash,
  responseHashWithBodyHash,
  v2EntryPath,
  type Header,
} from './http/certification.js';
export { contentTypeFor } from './http/content-type.js';
export {
  assetHeaders,
  methodNotAllowedResponse,
  notFoundResponse,
  type PlainResponse,
} from './http/responses.js';
export { requestPath } from './http/router.js';
export {
  AGENT_API_HOSTS,
  htmlSecurityHeaders,
  nonHtmlSecurityHeaders,
} from './http/security-headers.js';
export { scriptSafeJson } from './http/templating.js';
