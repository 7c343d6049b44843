/**
 * JSON-RPC 2.0 as the ICRC signer standards use it (ICRC-25: requests from a relying party,
 * responses from the signer; the error codes of JSON-RPC and of ICRC-25). Messages come from
 * another origin: nothing here trusts more than their shape.
 */

export type JsonRpcId = string | number;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  /** Absent or null: a notification, which gets no response. */
  id?: JsonRpcId | null;
  method: string;
  params?: unknown;
}

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId | null; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId | null; error: JsonRpcErrorObject };

/** JSON-RPC 2.0's reserved codes and ICRC-25's (`1xxx` general … `4xxx` transport). */
export const RPC_ERROR = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** ICRC-25 1000 "Generic error". */
  generic: 1000,
  /** ICRC-25 2000 "Not supported": a standard's method this signer does not implement. */
  notSupported: 2000,
  /** ICRC-25 3000 "Permission not granted". */
  permissionNotGranted: 3000,
  /** ICRC-25 3001 "Action aborted": the user declined. */
  actionAborted: 3001,
  /** ICRC-25 4000 "Network error". */
  networkError: 4000,
} as const;

const MESSAGES: Record<number, string> = {
  [RPC_ERROR.parseError]: 'Parse error',
  [RPC_ERROR.invalidRequest]: 'Invalid request',
  [RPC_ERROR.methodNotFound]: 'Method not found',
  [RPC_ERROR.invalidParams]: 'Invalid params',
  [RPC_ERROR.internalError]: 'Internal error',
  [RPC_ERROR.generic]: 'Generic error',
  [RPC_ERROR.notSupported]: 'Not supported',
  [RPC_ERROR.permissionNotGranted]: 'Permission not granted',
  [RPC_ERROR.actionAborted]: 'Action aborted',
  [RPC_ERROR.networkError]: 'Network error',
};

const isId = (v: unknown): v is JsonRpcId =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** What a posted message is, as far as JSON-RPC goes. */
export type Classified =
  /** Not a JSON-RPC 2.0 message at all (e.g. the legacy protocol): not ours to answer. */
  | { kind: 'other' }
  /** JSON-RPC 2.0 but not a valid request: answered with `error` when it carries an id. */
  | { kind: 'invalid'; id: JsonRpcId | null; error: JsonRpcErrorObject }
  /** A JSON-RPC response (we are the signer: we never asked, so it is ignored). */
  | { kind: 'response' }
  | { kind: 'request'; request: JsonRpcRequest & { params?: Record<string, unknown> | unknown[] } };

export function classify(data: unknown): Classified {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'other' };
  const m = data as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return { kind: 'other' };
  const id = isId(m.id) ? m.id : null;
  if ('result' in m || 'error' in m) return { kind: 'response' };
  if (m.id !== undefined && m.id !== null && !isId(m.id))
    return {
      kind: 'invalid',
      id: null,
      error: rpcError(RPC_ERROR.invalidRequest, 'id must be a string or a number'),
    };
  if (typeof m.method !== 'string' || m.method.length === 0)
    return {
      kind: 'invalid',
      id,
      error: rpcError(RPC_ERROR.invalidRequest, 'method must be a non-empty string'),
    };
  if (m.params !== undefined && (typeof m.params !== 'object' || m.params === null))
    return {
      kind: 'invalid',
      id,
      error: rpcError(RPC_ERROR.invalidRequest, 'params must be an object or an array'),
    };
  return {
    kind: 'request',
    request: {
      jsonrpc: '2.0',
      id: isId(m.id) ? m.id : m.id === null ? null : undefined,
      method: m.method,
      ...(m.params !== undefined
        ? { params: m.params as Record<string, unknown> | unknown[] }
        : {}),
    },
  };
}

/** An error object with the code's standard message, and `description` (for developers) as data. */
export function rpcError(code: number, description?: string): JsonRpcErrorObject {
  return {
    code,
    message: MESSAGES[code] ?? 'Error',
    ...(description !== undefined ? { data: { description } } : {}),
  };
}

export function rpcResult(id: JsonRpcId | null, result: unknown): JsonRpcResponse {
  return { jsonrpc: '2.0', id, result };
}

export function rpcFailure(id: JsonRpcId | null, error: JsonRpcErrorObject): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error };
}

/** Whether a request expects a response (JSON-RPC: a request with a non-null id). */
export const expectsResponse = (r: JsonRpcRequest): r is JsonRpcRequest & { id: JsonRpcId } =>
  r.id !== undefined && r.id !== null;
