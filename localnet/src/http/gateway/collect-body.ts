// Streaming bodies, as ic-http-gateway collects them: up to 4 callbacks are gathered into one body
// that is then verified; a longer stream is served unverified (up to 1000 callbacks in all).
import type { Principal } from '@dfinity/principal';
import { LocalnetError } from '../../errors.js';
import {
  decodeStreamingCallbackResponse,
  encodeStreamingCallbackArg,
  type StreamingCallback,
} from './http-request-candid.js';
import type { GatewayBackend } from './types.js';
import { concatBytes } from '../../bytes.js';

export const MAX_VERIFIED_CALLBACKS = 4;
export const MAX_CALLBACKS = 1000;

/** A streaming callback the canister rejected (answered 500). */
export class StreamingError extends LocalnetError {
  declare readonly code: 'II_ERR_GATEWAY_STREAMING';
  override name = 'StreamingError';

  constructor(message: string) {
    super('II_ERR_GATEWAY_STREAMING', message);
  }
}

export interface CollectedBody {
  body: Uint8Array;
  /** false when the stream was longer than what boundary nodes verify. */
  verifiable: boolean;
}

export async function collectBody(
  backend: GatewayBackend,
  first: Uint8Array,
  streaming: StreamingCallback | undefined,
): Promise<CollectedBody> {
  if (streaming === undefined) return { body: first, verifiable: true };
  const parts = [first];
  let token: unknown = streaming.token;
  let calls = 0;
  while (token !== undefined && calls < MAX_CALLBACKS) {
    const cb = { ...streaming, token };
    const outcome = await backend.query(
      streaming.canisterId as Principal,
      streaming.method,
      encodeStreamingCallbackArg(cb),
    );
    calls += 1;
    if ('reject' in outcome) {
      throw new StreamingError(
        `streaming callback ${streaming.method} rejected (code ${outcome.reject.code}): ${outcome.reject.message}`,
      );
    }
    const chunk = decodeStreamingCallbackResponse(cb, outcome.reply);
    if (chunk === null) break;
    parts.push(chunk.body);
    token = chunk.token;
  }
  return {
    body: concatBytes(...parts),
    verifiable: calls <= MAX_VERIFIED_CALLBACKS && token === undefined,
  };
}
