// http_request, pure so tests run it in Node against the real verifier: GET/HEAD of a known path,
// the certified 404 fallback for the rest, 405 for other methods; v2 certification on all of them.
import {
  exactExprPath,
  FALLBACK_EXPR_PATH,
  icCertificateHeader,
  normalizePath,
  requestPath,
} from '@ii/canister/certified-assets';
import type { HttpRequestT, HttpResponseT } from './candid.js';
import type { Site } from './site.js';

/**
 * @param certificate ic0.data_certificate(); undefined in replicated execution, where the
 *   response goes out without IC-Certificate (a gateway would refuse it, but nothing asks there).
 */
export function handleHttpRequest(
  request: HttpRequestT,
  site: Site,
  certificate: Uint8Array | undefined,
): HttpResponseT {
  const method = request.method.toUpperCase();
  const path = normalizePath(requestPath(request.url));
  const asset = site.lookup(path);
  const response =
    method !== 'GET' && method !== 'HEAD' ? site.methodNotAllowed : (asset ?? site.notFound);
  const headers: [string, string][] = [...response.headers];
  if (certificate) {
    const [witness, exprPath] = asset
      ? [site.exactWitness(path, response.responseHash), exactExprPath(path)]
      : [site.fallbackWitness(path, response.responseHash), FALLBACK_EXPR_PATH];
    headers.push(icCertificateHeader(certificate, witness, exprPath));
  }
  return {
    status_code: response.status,
    headers,
    body: response.body,
    upgrade: [],
    streaming_strategy: [],
  };
}
