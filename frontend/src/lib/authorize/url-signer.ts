/**
 * ICRC-167, the browser URL transport (`@icp-sdk/auth` 8's `transport: 'redirect'`): the relying
 * party navigates the whole tab to `<II>/authorize#message=<JSON-RPC request or batch>&callback=
 * <url>&state=<opaque>`; II answers by navigating to `<callback>#message=<response or batch>&
 * state=<the same>`. The callback must be listed in its origin's certified
 * `/.well-known/ii-auth-callbacks` (derivation-origin.ts): until it is, nothing is sent anywhere.
 * Requests that need no user (ICRC-25) are answered at once; `icrc34_delegation` goes to the user.
 */
import {
  answerWithoutUser,
  DELEGATION_METHOD,
  delegationResult,
  parseDelegationRequest,
} from './icrc-signer.js';
import {
  classify,
  type JsonRpcResponse,
  RPC_ERROR,
  rpcError,
  rpcFailure,
  rpcResult,
} from './json-rpc.js';
import type { AuthRequest } from './protocol.js';
import type { Responder } from './window-signer.js';

/** What the fragment of an ICRC-167 request carries, before the callback has been checked. */
export interface UrlRequest {
  message: unknown;
  callback: string;
  state: string;
  /** Whether `message` was a batch (an array): the answer is one then too. */
  batch: boolean;
}

/** The fragment's parts, or undefined when the page was not opened as an ICRC-167 request. */
export function parseUrlRequest(hash: string): UrlRequest | { error: string } | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const message = params.get('message');
  const callback = params.get('callback');
  const state = params.get('state');
  if (message === null && callback === null) return undefined;
  if (message === null || callback === null || state === null || state.length === 0)
    return { error: 'An ICRC-167 request needs message, callback and state in the URL fragment.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    parsed = undefined;
  }
  return { message: parsed, callback, state, batch: Array.isArray(parsed) };
}

/** One slot of the answer: filled now, or by the user's decision on the delegation request. */
type Slot = { response: JsonRpcResponse } | { delegation: JsonRpcResponse['id'] };

export interface PlannedUrlResponse {
  /** The delegation request the user is asked about, if the message holds one. */
  request?: AuthRequest;
  /** Sends the answer (the delegation's slot filled from `delegation`) to the callback. */
  responder(navigate: (url: string) => void): Responder;
  /** Answers everything now (no delegation request, or a malformed one). */
  answerNow?: (navigate: (url: string) => void) => void;
}

/** The response URL: the callback with `message` and `state` in its fragment. */
export function responseUrl(callback: string, state: string, message: unknown): string {
  return `${callback}#${new URLSearchParams({ message: JSON.stringify(message), state }).toString()}`;
}

/**
 * Answers what needs no user and keeps a slot for one `icrc34_delegation` (a second one in the
 * same batch gets an error: one login per redirect). `origin` is the checked callback's origin.
 */
export function planUrlResponse(req: UrlRequest, origin: string): PlannedUrlResponse {
  const messages = req.batch ? (req.message as unknown[]) : [req.message];
  const slots: Slot[] = [];
  let request: AuthRequest | undefined;
  for (const m of messages) {
    const c = classify(m);
    if (c.kind !== 'request') {
      const error =
        c.kind === 'invalid'
          ? c.error
          : rpcError(RPC_ERROR.invalidRequest, 'not a JSON-RPC 2.0 request');
      slots.push({ response: rpcFailure(c.kind === 'invalid' ? c.id : null, error) });
      continue;
    }
    const rpc = c.request;
    const id = rpc.id ?? null;
    const direct = answerWithoutUser(rpc, 'url');
    if (direct !== undefined) {
      slots.push({
        response: 'result' in direct ? rpcResult(id, direct.result) : rpcFailure(id, direct.error),
      });
      continue;
    }
    if (rpc.method === DELEGATION_METHOD && request !== undefined) {
      slots.push({
        response: rpcFailure(id, rpcError(RPC_ERROR.generic, 'One icrc34_delegation per request.')),
      });
      continue;
    }
    const parsed = parseDelegationRequest(rpc.params);
    if (!parsed.ok) {
      slots.push({ response: rpcFailure(id, parsed.error) });
      continue;
    }
    request = parsed.request;
    slots.push({ delegation: id });
  }
  const send = (
    navigate: (url: string) => void,
    fill: (id: JsonRpcResponse['id']) => JsonRpcResponse,
  ) => {
    const responses = slots.map((s) => ('response' in s ? s.response : fill(s.delegation)));
    navigate(responseUrl(req.callback, req.state, req.batch ? responses : responses[0]));
  };
  return {
    request,
    responder: (navigate) => {
      let answered = false;
      const once = (fill: (id: JsonRpcResponse['id']) => JsonRpcResponse) => {
        if (answered) return;
        answered = true;
        send(navigate, fill);
      };
      return {
        protocol: 'icrc167',
        origin,
        success: (payload) => once((id) => rpcResult(id, delegationResult(payload))),
        failure: (reason, code = RPC_ERROR.generic) =>
          once((id) => rpcFailure(id, rpcError(code, reason))),
        decline: () =>
          once((id) =>
            rpcFailure(id, rpcError(RPC_ERROR.actionAborted, 'The user declined the request.')),
          ),
      };
    },
    ...(request === undefined
      ? {
          answerNow: (navigate: (url: string) => void) =>
            send(navigate, (id) => rpcFailure(id, rpcError(RPC_ERROR.internalError))),
        }
      : {}),
  };
}
