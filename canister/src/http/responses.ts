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

/** Fonts never change under a name; everything else is revalidated (no fingerprinted names yet). */
export function cacheControlFor(contentType: string): string | undefined {
  return contentType.startsWith('font/') ? 'public, max-age=604800' : undefined;
}

/** Headers of an asset response, IC-CertificateExpression last (it is certified too). */
export function assetHeaders(
  contentType: string,
  encoding: 'identity' | 'gzip',
  security: readonly Header[],
): Header[] {
  const headers: Header[] = [['Content-Type', contentType]];
  if (encoding === 'gzip') headers.push(['Content-Encoding', 'gzip']);
  const cache = cacheControlFor(contentType);
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
