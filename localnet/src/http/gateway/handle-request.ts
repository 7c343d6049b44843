// One HTTP request through a canister, following ic-http-gateway's process_request (the library
// boundary nodes run): query http_request asking for certificate v2, upgrade to
// http_request_update when asked, collect streamed bodies, verify, then pick the headers to serve.
import type { Principal } from '@dfinity/principal';
import { collectBody, StreamingError } from './collect-body.js';
import {
  CandidDecodeError,
  decodeHttpResponse,
  encodeHttpRequest,
  encodeHttpUpdateRequest,
  type CanisterHttpResponse,
} from './http-request-candid.js';
import type {
  CallOutcome,
  GatewayBackend,
  GatewayRequest,
  GatewayResponse,
  HeaderField,
} from './types.js';
import { verifyResponse } from './verify-response.js';

/** The highest response verification version the gateway understands (and asks canisters for). */
export const MAX_VERIFICATION_VERSION = 2;
/** Boundary nodes answer 500 when verification fails (ic-http-gateway). */
export const VERIFICATION_FAILED_STATUS = 500;
/** Reject code CANISTER_NOT_FOUND / DESTINATION_INVALID. */
const DESTINATION_INVALID = 3;

// Hop-by-hop or length headers Node must compute itself for the body it actually sends.
const NEVER_FORWARD = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export function textResponse(status: number, text: string): GatewayResponse {
  return {
    status,
    headers: [['content-type', 'text/plain; charset=utf-8']],
    body: new TextEncoder().encode(text.endsWith('\n') ? text : `${text}\n`),
  };
}

function rejectResponse(reject: { code: number; message: string }): GatewayResponse {
  if (reject.code === DESTINATION_INVALID) return textResponse(404, reject.message);
  return textResponse(502, `Replica Error: reject code ${reject.code}, message ${reject.message}`);
}

/** What the canister sees: duplicates kept; `x-request-id` dropped and `identity` always accepted. */
export function canisterRequestHeaders(headers: HeaderField[]): HeaderField[] {
  return headers
    .filter(([name]) => name.toLowerCase() !== 'x-request-id')
    .map(([name, value]): HeaderField => {
      if (name.toLowerCase() !== 'accept-encoding') return [name, value];
      const encodings = value.split(',').map((s) => s.trim());
      return encodings.some((e) => e.toLowerCase() === 'identity')
        ? [name, value]
        : [name, [...encodings, 'identity'].join(', ')];
    });
}

function decode(
  outcome: CallOutcome,
): { response: CanisterHttpResponse } | { error: GatewayResponse } {
  if ('reject' in outcome) return { error: rejectResponse(outcome.reject) };
  try {
    return { response: decodeHttpResponse(outcome.reply) };
  } catch (e) {
    if (e instanceof CandidDecodeError)
      return { error: textResponse(500, `Internal Server Error: ${e.message}`) };
    throw e;
  }
}

function forward(
  headers: HeaderField[],
  keep: (name: string) => boolean = () => true,
): HeaderField[] {
  return headers.filter(
    ([name]) => !NEVER_FORWARD.has(name.toLowerCase()) && keep(name.toLowerCase()),
  );
}

export async function handleCanisterRequest(
  backend: GatewayBackend,
  canisterId: Principal,
  verify: boolean,
  request: GatewayRequest,
): Promise<GatewayResponse> {
  if (!backend.canisterExists(canisterId))
    return textResponse(404, `Canister ${canisterId.toText()} not found`);
  const canisterRequest: GatewayRequest = {
    ...request,
    headers: canisterRequestHeaders(request.headers),
  };

  const queried = decode(
    await backend.query(
      canisterId,
      'http_request',
      encodeHttpRequest(canisterRequest, MAX_VERIFICATION_VERSION),
    ),
  );
  if ('error' in queried) return queried.error;
  let response = queried.response;
  const upgraded = response.upgrade;
  if (upgraded) {
    const updated = decode(
      await backend.update(
        canisterId,
        'http_request_update',
        encodeHttpUpdateRequest(canisterRequest),
      ),
    );
    if ('error' in updated) return updated.error;
    response = updated.response;
  }

  let collected;
  try {
    collected = await collectBody(backend, response.body, response.streaming);
  } catch (e) {
    if (e instanceof StreamingError || e instanceof CandidDecodeError) {
      return textResponse(500, `Failed to parse response body: ${e.message}`);
    }
    throw e;
  }

  if (!Number.isInteger(response.status) || response.status < 100 || response.status > 599) {
    return textResponse(400, `Failed to parse response status code: ${response.status}`);
  }

  // Update responses went through consensus; raw hosts and long streams are served unverified.
  if (upgraded || !verify || !collected.verifiable) {
    return { status: response.status, headers: forward(response.headers), body: collected.body };
  }

  const result = verifyResponse({
    canisterId,
    request: canisterRequest,
    certificateVersion: MAX_VERIFICATION_VERSION,
    response: { status: response.status, headers: response.headers, body: collected.body },
    rootKeyDer: backend.rootKeyDer,
    nowNs: backend.now(),
  });
  if (!result.ok)
    return textResponse(
      VERIFICATION_FAILED_STATUS,
      `Response verification failed: ${result.reason}`,
    );

  if (result.version < 2) {
    // v1 certifies neither the status nor headers: refuse redirects, drop Cache-Control.
    if (response.status >= 300 && response.status < 400) {
      return textResponse(500, 'Response verification v1 does not allow redirects');
    }
    return {
      status: response.status,
      headers: forward(response.headers, (n) => n !== 'cache-control'),
      body: collected.body,
    };
  }
  // v2: serve only what was certified (all headers when the canister certifiably skipped).
  const headers = result.certified === undefined ? response.headers : result.certified.headers;
  return { status: response.status, headers: forward(headers), body: collected.body };
}
