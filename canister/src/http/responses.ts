// The header sets and fixed bodies of certified responses, shared by the build script (static
// assets) and the canister (HTML at init, 404, 405): both sides must produce the same bytes.
import { utf8 } from '../bytes.js';
import {
  DEFAULT_EXPRESSION,
  EXPRESSION_HEADER,
  SKIP_EXPRESSION,
  type Header,
} from './certification.js';
import { nonHtmlSecurityHeaders, STATIC_SECURITY_HEADERS } from './security-headers.js';

export interface PlainResponse {
  status: number;
  headers: Header[];
  body: Uint8Array;
}

/** A year, and never revalidated: the name changes whenever the bytes do. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * A name Vite gave from the content (`assets/[name]-[hash][extname]` in vite.static-build.ts; its
 * hash is 8 characters): the same name always means the same bytes.
 */
export function isFingerprinted(file: string): boolean {
  return /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$/.test(file);
}

/**
 * Fingerprinted files are cached for good (the popup then loads its JS and CSS from cache), HTML
 * is revalidated every time (it names the current fingerprints, and its config changes on
 * upgrade), fonts are kept a week; anything else gets no header. The header is certified like
 * the others: the build script and the canister compute it from the same function.
 */
export function cacheControlFor(file: string, contentType: string): string | undefined {
  if (isFingerprinted(file)) return IMMUTABLE_CACHE_CONTROL;
  if (contentType.startsWith('text/html')) return 'no-cache';
  return contentType.startsWith('font/') ? 'public, max-age=604800' : undefined;
}

/**
 * Headers of an asset response, IC-CertificateExpression last (it is certified too). `file` is
 * the asset's path relative to the site root (`assets/index-AbCd1234.js`), '' for generated
 * responses.
 */
export function assetHeaders(
  contentType: string,
  encoding: 'identity' | 'gzip',
  security: readonly Header[],
  file = '',
): Header[] {
  const headers: Header[] = [['Content-Type', contentType]];
  if (encoding === 'gzip') headers.push(['Content-Encoding', 'gzip']);
  const cache = cacheControlFor(file, contentType);
  if (cache) headers.push(['Cache-Control', cache]);
  headers.push(...security, [EXPRESSION_HEADER, DEFAULT_EXPRESSION]);
  return headers;
}

/**
 * One fixed 404 for every unknown path: the fallback certification covers a single response,
 * so the body cannot name the path (II's "Asset <path> not found." was uncertified).
 */
export function notFoundResponse(): PlainResponse {
  return {
    status: 404,
    headers: assetHeaders('text/plain; charset=utf-8', 'identity', nonHtmlSecurityHeaders()),
    body: utf8('Not found\n'),
  };
}

export function methodNotAllowedResponse(): PlainResponse {
  const headers = assetHeaders('text/plain; charset=utf-8', 'identity', nonHtmlSecurityHeaders());
  headers.splice(1, 0, ['Allow', 'GET, HEAD']);
  return { status: 405, headers, body: utf8('Method not allowed\n') };
}

/** Prometheus text exposition content type. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4';

export function metricsResponse(body: Uint8Array): PlainResponse {
  return {
    status: 200,
    headers: [
      ['Content-Type', METRICS_CONTENT_TYPE],
      ['Cache-Control', 'no-store'],
      ...STATIC_SECURITY_HEADERS,
      [EXPRESSION_HEADER, SKIP_EXPRESSION],
    ],
    body,
  };
}
