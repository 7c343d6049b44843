// http_request: pure, so tests run it in Node against the real verifier. The canister passes in
// the tables built at init, the data certificate and a way to join the sig side of the tree.
import { utf8 } from '../bytes.js';
import type { HttpRequestT, HttpResponseT } from '../candid.js';
import type { AssetTables, CertifiedResponse } from './asset-tables.js';
import { METRICS_PATH } from './asset-tables.js';
import {
  FALLBACK_EXPR_PATH,
  icCertificateHeader,
  normalizePath,
  type Header,
} from './certification.js';
import type { CborPreEncoded, CborValue } from '../certification/cbor.js';
import type { HashTree } from '../certification/hash-tree.js';
import { renderMetrics, type MetricsInput } from './metrics.js';
import { metricsResponse, type PlainResponse } from './responses.js';

export interface HttpContext {
  assets: AssetTables;
  /** ic0.data_certificate(); undefined in replicated execution (no certificate there). */
  certificate: Uint8Array | undefined;
  /**
   * Joins an assets-side witness (or its encoding) with the pruned sig side so its root is
   * certified_data: `(w) => assetCertificateTree(w, sigTreeHash)` from src/certification/.
   */
  withSigSide(assetWitness: HashTree | CborPreEncoded): CborValue;
  /** Called only for /metrics. */
  metrics(): MetricsInput;
}

interface Plan {
  response: PlainResponse;
  witness: () => HashTree | CborPreEncoded;
  /** v2 expression path (or its encoding); undefined for a v1 response. */
  exprPath?: readonly string[] | CborPreEncoded;
}

/** The URL's path: query and fragment dropped, percent-escapes decoded when well-formed. */
export function requestPath(url: string): string {
  let path = url;
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  try {
    path = decodeURIComponent(path);
  } catch {
    // Malformed escapes: keep the raw path; it will simply not match an asset.
  }
  return path.startsWith('/') ? path : '/' + path;
}

/** Whether `accept-encoding` allows gzip (a `q=0` refuses it). */
export function acceptsGzip(headers: readonly [string, string][]): boolean {
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== 'accept-encoding') continue;
    for (const item of v.split(',')) {
      const [coding, ...params] = item.trim().toLowerCase().split(';');
      if (coding.trim() !== 'gzip' && coding.trim() !== '*') continue;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      if (!q || Number(q.slice(2)) > 0) return true;
    }
  }
  return false;
}

function plan(request: HttpRequestT, ctx: HttpContext): Plan {
  const { assets } = ctx;
  const method = request.method.toUpperCase();
  const raw = requestPath(request.url);
  const path = normalizePath(raw);
  const version = request.certificate_version[0] ?? 1;

  if (path === METRICS_PATH) {
    // Skip-certified whatever the method: GET and HEAD get the metrics, others the 405.
    const response =
      method === 'GET' || method === 'HEAD'
        ? metricsResponse(utf8(renderMetrics(ctx.metrics())))
        : assets.methodNotAllowed;
    const { witness, exprPath } = assets.metricsCertification;
    return { response, witness: () => witness, exprPath };
  }

  const asset = assets.lookup(path);
  const v2 = (r: CertifiedResponse): Plan =>
    asset
      ? {
          response: r,
          witness: () =>
            asset.certification.witnessOf(r) ?? assets.exactWitness(path, r.responseHash),
          exprPath: asset.certification.exprPath,
        }
      : {
          response: r,
          witness: () => assets.fallbackWitness(path, r.responseHash),
          exprPath: FALLBACK_EXPR_PATH,
        };

  if (method !== 'GET' && method !== 'HEAD') return v2(assets.methodNotAllowed);
  if (!asset) return v2(assets.notFound);
  const response = asset.gzip && acceptsGzip(request.headers) ? asset.gzip : asset.identity;
  // v1 certifies the body under the path exactly as requested, so it only serves canonical paths;
  // anything v1 cannot express (aliases like "//", 404, /metrics) goes out as v2.
  if (version < 2 && raw === path) {
    return {
      response: { ...response, headers: response.headers.filter(([k]) => !isExpressionHeader(k)) },
      witness: () => assets.v1Witness(path),
    };
  }
  return v2(response);
}

const isExpressionHeader = (name: string): boolean =>
  name.toLowerCase() === 'ic-certificateexpression';

/**
 * Serves GET/HEAD (HEAD gets the full response: the certified body must match, the gateway
 * drops it), 405 for other methods, /metrics uncertified-by-design, 404 from the certified
 * fallback. Every response carries IC-Certificate when a certificate is available.
 */
export function handleHttpRequest(request: HttpRequestT, ctx: HttpContext): HttpResponseT {
  const p = plan(request, ctx);
  const headers: Header[] = [...p.response.headers];
  if (ctx.certificate) {
    headers.push(icCertificateHeader(ctx.certificate, ctx.withSigSide(p.witness()), p.exprPath));
  }
  return {
    status_code: p.response.status,
    headers,
    body: p.response.body,
    upgrade: [],
    streaming_strategy: [],
  };
}
