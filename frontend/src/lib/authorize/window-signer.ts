/**
 * II in a window opened by the relying party, speaking whichever protocol its opener speaks:
 *
 * - the legacy client authentication protocol (`authorize-ready` → `authorize-client` →
 *   `authorize-client-success|failure`), what `@dfinity/auth-client` ≤ 5 sends;
 * - the ICRC signer standards over ICRC-29's window transport (JSON-RPC 2.0: `icrc29_status`
 *   heartbeats answered `ready` for as long as the window is open, ICRC-25 queries, then
 *   `icrc34_delegation`), what `@icp-sdk/auth` ≥ 6 sends through `@icp-sdk/signer`.
 *
 * The protocol is known from the first message that takes part: an ICRC client polls
 * `icrc29_status` every 300 ms from the moment the window opens, so the legacy 10-second wait for
 * `authorize-client` is dropped as soon as one arrives (an ICRC client never sees a legacy
 * failure, a legacy client never a JSON-RPC message). Only the opener's messages count; under
 * ICRC-29 only those from the origin the channel was established with, and every answer goes to
 * exactly that origin.
 */
import {
  AUTH_REQUEST_TIMEOUT_MS,
  AuthRequestTimeoutError,
  type MessageWindow,
  type Opener,
} from './channel.js';
import {
  answerWithoutUser,
  DELEGATION_METHOD,
  delegationResult,
  parseDelegationRequest,
} from './icrc-signer.js';
import {
  classify,
  expectsResponse,
  type JsonRpcId,
  type JsonRpcResponse,
  RPC_ERROR,
  rpcError,
  rpcFailure,
  rpcResult,
} from './json-rpc.js';
import {
  authorizeFailure,
  authorizeReady,
  authorizeSuccess,
  parseAuthRequest,
  type AuthorizeSuccess,
  type AuthRequest,
} from './protocol.js';

export type SignerProtocol = 'authorize-client' | 'icrc29' | 'icrc167';

/** How the answer to one delegation request goes back to the relying party. */
export interface Responder {
  protocol: SignerProtocol;
  /** The relying party's origin: what the user is shown and what principals derive from. */
  origin: string;
  success(payload: Omit<AuthorizeSuccess, 'kind'>): void;
  /** The request cannot be served (e.g. an unlisted derivation origin). */
  failure(reason: string, code?: number): void;
  /** The user declined (ICRC-25 3001 "Action aborted"). */
  decline(): void;
}

export interface ReceivedSignerRequest {
  request: AuthRequest;
  warnings: string[];
  responder: Responder;
}

export type InvalidMessageReporter = (origin: string, error: string) => void;

const defaultReporter: InvalidMessageReporter = (origin, error) =>
  console.warn(`Ignored a message from ${origin}: ${error}`);

export interface WindowSigner {
  /** The first delegation request, in whichever protocol. */
  request: Promise<ReceivedSignerRequest>;
  /** Which protocol the opener speaks, once known. */
  protocol(): SignerProtocol | undefined;
  /** Stops listening (the heartbeat too); a request not yet received never arrives. */
  close(): void;
}

export function listenAsSigner(
  win: MessageWindow,
  opener: Opener,
  {
    legacyTimeoutMs = AUTH_REQUEST_TIMEOUT_MS,
    onInvalid = defaultReporter,
  }: { legacyTimeoutMs?: number; onInvalid?: InvalidMessageReporter } = {},
): WindowSigner {
  let protocol: SignerProtocol | undefined;
  /** ICRC-29's established origin: the origin of the first `icrc29_status`. */
  let established: string | undefined;
  /** The id of the `icrc34_delegation` being served (one at a time). */
  let pending: JsonRpcId | undefined;
  let settled = false;
  let resolve!: (r: ReceivedSignerRequest) => void;
  let reject!: (e: unknown) => void;
  const request = new Promise<ReceivedSignerRequest>((res, rej) => {
    resolve = res;
    reject = rej;
  });

  const post = (message: JsonRpcResponse, origin: string) => opener.postMessage(message, origin);

  const icrcResponder = (origin: string, id: JsonRpcId): Responder => {
    let answered = false;
    const once = (message: JsonRpcResponse) => {
      if (answered) return;
      answered = true;
      pending = undefined;
      post(message, origin);
    };
    return {
      protocol: 'icrc29',
      origin,
      success: (payload) => once(rpcResult(id, delegationResult(payload))),
      failure: (reason, code = RPC_ERROR.generic) => once(rpcFailure(id, rpcError(code, reason))),
      decline: () =>
        once(rpcFailure(id, rpcError(RPC_ERROR.actionAborted, 'The user declined the request.'))),
    };
  };

  const onJsonRpc = (event: MessageEvent, classified: ReturnType<typeof classify>) => {
    if (classified.kind === 'other' || classified.kind === 'response') return;
    if (protocol === 'authorize-client') return;
    if (established === undefined) {
      // The channel is established by the first status request; nothing else comes before it.
      if (classified.kind !== 'request' || classified.request.method !== 'icrc29_status') {
        onInvalid(event.origin, 'a JSON-RPC message before icrc29_status established the channel');
        return;
      }
      established = event.origin;
      if (protocol === undefined) {
        protocol = 'icrc29';
        clearTimeout(legacyTimer);
      }
    }
    // ICRC-29: only the established origin takes part.
    if (event.origin !== established) return;
    if (classified.kind === 'invalid') {
      onInvalid(
        event.origin,
        classified.error.data ? JSON.stringify(classified.error.data) : classified.error.message,
      );
      if (classified.id !== null) post(rpcFailure(classified.id, classified.error), established);
      return;
    }
    const rpc = classified.request;
    const direct = answerWithoutUser(rpc, 'window');
    if (direct !== undefined) {
      if (!expectsResponse(rpc)) return;
      post(
        'result' in direct ? rpcResult(rpc.id, direct.result) : rpcFailure(rpc.id, direct.error),
        established,
      );
      return;
    }
    // icrc34_delegation
    if (!expectsResponse(rpc)) return;
    if (rpc.method !== DELEGATION_METHOD) return;
    if (pending !== undefined || settled) {
      post(
        rpcFailure(
          rpc.id,
          rpcError(RPC_ERROR.generic, 'Another delegation request is being served in this window.'),
        ),
        established,
      );
      return;
    }
    const parsed = parseDelegationRequest(rpc.params);
    if (!parsed.ok) {
      onInvalid(event.origin, JSON.stringify(parsed.error.data ?? parsed.error.message));
      post(rpcFailure(rpc.id, parsed.error), established);
      return;
    }
    pending = rpc.id;
    settled = true;
    resolve({
      request: parsed.request,
      warnings: [],
      responder: icrcResponder(established, rpc.id),
    });
  };

  const onLegacy = (event: MessageEvent) => {
    if (protocol === 'icrc29' || settled) return;
    const parsed = parseAuthRequest(event.data);
    if (!parsed.ok) {
      onInvalid(event.origin, parsed.error);
      return;
    }
    for (const w of parsed.warnings) onInvalid(event.origin, w);
    protocol = 'authorize-client';
    settled = true;
    clearTimeout(legacyTimer);
    const origin = event.origin;
    resolve({
      request: parsed.request,
      warnings: parsed.warnings,
      responder: {
        protocol: 'authorize-client',
        origin,
        success: (payload) => opener.postMessage(authorizeSuccess(payload), origin),
        failure: (reason) => opener.postMessage(authorizeFailure(reason), origin),
        decline: () =>
          opener.postMessage(authorizeFailure('The user declined the request.'), origin),
      },
    });
  };

  const listener = (event: MessageEvent) => {
    // Our own origin: e.g. browser extensions or dev tools posting into the page.
    if (event.origin === win.location.origin) return;
    // Only the window that opened us takes part in either protocol.
    if (event.source !== null && event.source !== undefined && event.source !== opener) return;
    const classified = classify(event.data);
    if (classified.kind !== 'other') onJsonRpc(event, classified);
    else onLegacy(event);
  };

  const legacyTimer = setTimeout(() => {
    if (protocol !== undefined || settled) return;
    settled = true;
    win.removeEventListener('message', listener);
    reject(new AuthRequestTimeoutError(legacyTimeoutMs));
  }, legacyTimeoutMs);

  // Listen before announcing, so a fast reply cannot be missed.
  win.addEventListener('message', listener);
  opener.postMessage(authorizeReady(), '*');

  return {
    request,
    protocol: () => protocol,
    close: () => {
      clearTimeout(legacyTimer);
      win.removeEventListener('message', listener);
      // A request still awaited stays pending: the page that awaited it is going away.
      settled = true;
    },
  };
}
