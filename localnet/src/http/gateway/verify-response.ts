// Response verification exactly as boundary nodes run it (ic-http-gateway's validate()).
import {
  ResponseVerificationError,
  ResponseVerificationErrorCode,
  verifyRequestResponsePair,
} from '@dfinity/response-verification';
import type { Principal } from '@dfinity/principal';
import type { GatewayRequest, HeaderField } from './types.js';

/** Certificates may be at most 5 minutes old (or ahead). */
export const MAX_CERT_TIME_OFFSET_NS = 300_000_000_000n;
export const MIN_VERIFICATION_VERSION = 1;

export interface VerifyInput {
  canisterId: Principal;
  request: GatewayRequest;
  /** The certificate_version the gateway asked the canister for. */
  certificateVersion: number;
  response: { status: number; headers: HeaderField[]; body: Uint8Array };
  rootKeyDer: Uint8Array;
  nowNs: bigint;
}

export type VerifyResult =
  | {
      ok: true;
      version: number;
      /** v2 only: the response as certified (undefined when the canister certifiably skipped). */
      certified?: { status?: number; headers: HeaderField[] };
    }
  | { ok: false; reason: string };

export function verifyResponse(input: VerifyInput): VerifyResult {
  try {
    const info = verifyRequestResponsePair(
      {
        method: input.request.method,
        url: input.request.url,
        headers: input.request.headers,
        body: input.request.body,
        certificate_version: [input.certificateVersion],
      },
      {
        status_code: input.response.status,
        headers: input.response.headers,
        body: input.response.body,
      },
      input.canisterId.toUint8Array(),
      input.nowNs,
      MAX_CERT_TIME_OFFSET_NS,
      input.rootKeyDer,
      MIN_VERIFICATION_VERSION,
    );
    const certified =
      info.response === undefined
        ? undefined
        : {
            status: info.response.statusCode,
            headers: info.response.headers.map(([k, v]): HeaderField => [k, v]),
          };
    return { ok: true, version: info.verificationVersion, certified };
  } catch (e) {
    if (e instanceof ResponseVerificationError) {
      return {
        ok: false,
        reason: `${ResponseVerificationErrorCode[e.code] ?? e.code}: ${e.message}`,
      };
    }
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
