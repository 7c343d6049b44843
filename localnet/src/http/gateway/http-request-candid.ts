// Candid of the HTTP Gateway Protocol's canister interface (http_request, http_request_update,
// streaming callbacks).
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { LocalnetError } from '../../errors.js';
import type { GatewayRequest, HeaderField } from './types.js';

/** A canister's answer that is not the gateway protocol's Candid (answered 500). */
export class CandidDecodeError extends LocalnetError {
  declare readonly code: 'II_ERR_GATEWAY_CANDID';
  override name = 'CandidDecodeError';

  constructor(message: string) {
    super('II_ERR_GATEWAY_CANDID', message);
  }
}

const Header = IDL.Tuple(IDL.Text, IDL.Text);

const HttpRequestType = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(Header),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});

const HttpUpdateRequestType = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(Header),
  body: IDL.Vec(IDL.Nat8),
});

/**
 * Token shapes we can stream with. Candid has no "any value" in @dfinity/candid, and decoding a
 * token as `record {}` would silently drop its fields, so we only accept shapes we know whole:
 * the asset canister's token, then a field-less record (Azle's http_gateway IDL; a token with other
 * fields would be read as `{}` here: a known limitation).
 */
const TOKEN_TYPES: IDL.Type[] = [
  IDL.Record({
    key: IDL.Text,
    content_encoding: IDL.Text,
    index: IDL.Nat,
    sha256: IDL.Opt(IDL.Vec(IDL.Nat8)),
  }),
  IDL.Record({}),
];

function responseTypes(token: IDL.Type) {
  const callbackResponse = IDL.Record({ body: IDL.Vec(IDL.Nat8), token: IDL.Opt(token) });
  const strategy = IDL.Variant({
    Callback: IDL.Record({
      callback: IDL.Func([token], [IDL.Opt(callbackResponse)], ['query']),
      token,
    }),
  });
  const response = IDL.Record({
    status_code: IDL.Nat16,
    headers: IDL.Vec(Header),
    body: IDL.Vec(IDL.Nat8),
    upgrade: IDL.Opt(IDL.Bool),
    streaming_strategy: IDL.Opt(strategy),
  });
  return { response, callbackResponse };
}

const RESPONSE_TYPES = TOKEN_TYPES.map((t) => ({ token: t, ...responseTypes(t) }));
// @dfinity/candid decodes an `opt` whose wire type is not a subtype as `null`, silently. So first
// learn whether a strategy is there at all (`opt reserved` accepts any), then insist on a known shape.
const PRESENCE_PROBE = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(Header),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
  streaming_strategy: IDL.Opt(IDL.Reserved),
});

export interface StreamingCallback {
  canisterId: Principal;
  method: string;
  token: unknown;
  tokenType: IDL.Type;
}

export interface CanisterHttpResponse {
  status: number;
  headers: HeaderField[];
  body: Uint8Array;
  upgrade: boolean;
  streaming?: StreamingCallback;
}

export function encodeHttpRequest(req: GatewayRequest, certificateVersion?: number): Uint8Array {
  return new Uint8Array(
    IDL.encode(
      [HttpRequestType],
      [
        {
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: req.body,
          certificate_version: certificateVersion === undefined ? [] : [certificateVersion],
        },
      ],
    ),
  );
}

export function encodeHttpUpdateRequest(req: GatewayRequest): Uint8Array {
  return new Uint8Array(
    IDL.encode(
      [HttpUpdateRequestType],
      [{ method: req.method, url: req.url, headers: req.headers, body: req.body }],
    ),
  );
}

interface RawResponse {
  status_code: number;
  headers: [string, string][];
  body: Uint8Array | number[];
  upgrade: [] | [boolean];
  streaming_strategy: [] | [{ Callback: { callback: [Principal, string]; token: unknown } }];
}

function decodeOne<T>(type: IDL.Type, bytes: Uint8Array): T {
  const values = IDL.decode([type], bytes);
  if (values.length !== 1) throw new CandidDecodeError(`expected one value, got ${values.length}`);
  return values[0] as T;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Decodes an `HttpResponse`; throws CandidDecodeError when it is not one. */
export function decodeHttpResponse(bytes: Uint8Array): CanisterHttpResponse {
  let raw: RawResponse;
  let streaming: StreamingCallback | undefined;
  try {
    raw = decodeOne<RawResponse>(PRESENCE_PROBE, bytes);
  } catch (e) {
    throw new CandidDecodeError(`the canister's reply is not an HttpResponse: ${message(e)}`);
  }
  if (raw.streaming_strategy.length > 0) {
    const match = RESPONSE_TYPES.map((t) => {
      try {
        const value = decodeOne<RawResponse>(t.response, bytes);
        return value.streaming_strategy.length > 0 ? { t, value } : null;
      } catch {
        return null;
      }
    }).find((m) => m !== null);
    const cb = match?.value.streaming_strategy[0]?.Callback;
    if (match == null || cb === undefined) {
      throw new CandidDecodeError(
        'unsupported streaming token type (known: the asset canister token, record {})',
      );
    }
    streaming = {
      canisterId: cb.callback[0],
      method: cb.callback[1],
      token: cb.token,
      tokenType: match.t.token,
    };
  }
  return {
    status: raw.status_code,
    headers: raw.headers.map(([k, v]) => [k, v]),
    body: raw.body instanceof Uint8Array ? raw.body : Uint8Array.from(raw.body),
    upgrade: raw.upgrade[0] === true,
    streaming,
  };
}

export function encodeStreamingCallbackArg(cb: StreamingCallback): Uint8Array {
  return new Uint8Array(IDL.encode([cb.tokenType], [cb.token]));
}

/** Decodes `opt record { body; token: opt <token> }`. */
export function decodeStreamingCallbackResponse(
  cb: StreamingCallback,
  bytes: Uint8Array,
): { body: Uint8Array; token?: unknown } | null {
  const { callbackResponse } = responseTypes(cb.tokenType);
  let value: [] | [{ body: Uint8Array | number[]; token: [] | [unknown] }];
  try {
    value = decodeOne(IDL.Opt(callbackResponse), bytes);
  } catch (e) {
    throw new CandidDecodeError(
      `the streaming callback's reply is not a StreamingCallbackHttpResponse: ${message(e)}`,
    );
  }
  if (value.length === 0) return null;
  const body = value[0].body instanceof Uint8Array ? value[0].body : Uint8Array.from(value[0].body);
  return value[0].token.length > 0 ? { body, token: value[0].token[0] } : { body };
}
