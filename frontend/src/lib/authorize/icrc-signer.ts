/**
 * The ICRC signer standards II implements, independent of the transport: ICRC-25 (supported
 * standards, permissions), ICRC-29's `icrc29_status`, ICRC-34 `icrc34_delegation` (with ICRC-95's
 * `icrc95DerivationOrigin`). A delegation request becomes the same `AuthRequest` the legacy
 * `authorize-client` message does, so both protocols share one login and signing path.
 */
import { Principal } from '@dfinity/principal';
import { fromBase64, toBase64 } from '../bytes.js';
import { z } from '../zod.js';
import { type JsonRpcErrorObject, type JsonRpcRequest, RPC_ERROR, rpcError } from './json-rpc.js';
import type { AuthRequest, AuthorizeSuccess } from './protocol.js';

const STANDARDS = 'https://github.com/dfinity/wg-identity-authentication/blob/main/topics';

/** What `icrc25_supported_standards` answers (ICRC-167 only over the URL transport). */
export function supportedStandards(transport: 'window' | 'url'): { name: string; url: string }[] {
  const list = [
    { name: 'ICRC-25', url: `${STANDARDS}/icrc_25_signer_interaction_standard.md` },
    { name: 'ICRC-34', url: `${STANDARDS}/icrc_34_delegation.md` },
    { name: 'ICRC-95', url: `${STANDARDS}/icrc_95_derivationorigin.md` },
  ];
  if (transport === 'window')
    list.splice(1, 0, {
      name: 'ICRC-29',
      url: `${STANDARDS}/icrc_29_window_post_message_transport.md`,
    });
  else list.push({ name: 'ICRC-167', url: `${STANDARDS}/icrc_167_browser_url_transport.md` });
  return list;
}

export const DELEGATION_METHOD = 'icrc34_delegation';

/**
 * II's permission policy: the one scope it supports, `icrc34_delegation`, is `ask_on_use` for
 * every relying party, always: choosing an identity under the shown origin is the consent, each
 * time. So `icrc25_request_permissions` grants nothing up front and prompts no one.
 */
const SCOPES = [{ scope: { method: DELEGATION_METHOD }, state: 'ask_on_use' }] as const;

/** Methods of ICRC standards II does not implement: 2000 "Not supported" rather than -32601. */
const isStandardMethod = (method: string) => /^icrc\d+_/.test(method);

/**
 * Answers every method that needs no user: the result, or an error for unknown methods and bad
 * params. `undefined` for `icrc34_delegation`, which goes to the user.
 */
export function answerWithoutUser(
  request: JsonRpcRequest,
  transport: 'window' | 'url',
): { result: unknown } | { error: JsonRpcErrorObject } | undefined {
  switch (request.method) {
    case 'icrc29_status':
      if (transport !== 'window')
        return { error: rpcError(RPC_ERROR.notSupported, 'icrc29_status is the window transport') };
      return { result: 'ready' };
    case 'icrc25_supported_standards':
      return { result: { supportedStandards: supportedStandards(transport) } };
    case 'icrc25_permissions':
      return { result: { scopes: SCOPES } };
    case 'icrc25_request_permissions': {
      const parsed = z
        .object({ scopes: z.array(z.object({ method: z.string() }).passthrough()) })
        .safeParse(request.params);
      if (!parsed.success)
        return {
          error: rpcError(RPC_ERROR.invalidParams, 'params.scopes must be an array of { method }'),
        };
      return { result: { scopes: SCOPES } };
    }
    case DELEGATION_METHOD:
      return undefined;
    default:
      return {
        error: isStandardMethod(request.method)
          ? rpcError(
              RPC_ERROR.notSupported,
              `${request.method} is not supported by Internet Identity`,
            )
          : rpcError(RPC_ERROR.methodNotFound, `unknown method ${request.method}`),
      };
  }
}

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
  .refine((s) => s.length % 4 === 0, 'must be base64');

const principalText = z.string().refine((t) => {
  try {
    return Principal.fromText(t).toText() === t;
  } catch {
    return false;
  }
}, 'must be a principal in its text form');

const delegationParamsSchema = z.object({
  publicKey: base64,
  targets: z.array(principalText).max(1000).optional(),
  maxTimeToLive: z
    .string()
    .regex(/^[0-9]{1,20}$/, 'must be a decimal number of nanoseconds (a string)')
    .optional(),
  icrc95DerivationOrigin: z.string().optional(),
});

export type ParsedDelegationRequest =
  { ok: true; request: AuthRequest } | { ok: false; error: JsonRpcErrorObject };

/** `icrc34_delegation`'s params as an `AuthRequest`; -32602 naming what is wrong otherwise. */
export function parseDelegationRequest(params: unknown): ParsedDelegationRequest {
  const parsed = delegationParamsSchema.safeParse(params);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `params.${i.path.join('.') || '(params)'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: rpcError(RPC_ERROR.invalidParams, issues) };
  }
  const p = parsed.data;
  const sessionPublicKey = fromBase64(p.publicKey);
  if (sessionPublicKey.length === 0)
    return {
      ok: false,
      error: rpcError(RPC_ERROR.invalidParams, 'params.publicKey: must not be empty'),
    };
  return {
    ok: true,
    request: {
      kind: 'authorize-client',
      sessionPublicKey,
      ...(p.maxTimeToLive !== undefined ? { maxTimeToLive: BigInt(p.maxTimeToLive) } : {}),
      ...(p.icrc95DerivationOrigin !== undefined
        ? { derivationOrigin: p.icrc95DerivationOrigin }
        : {}),
      ...(p.targets !== undefined ? { targets: p.targets.map((t) => Principal.fromText(t)) } : {}),
    },
  };
}

/** ICRC-34's result: base64 keys and signatures, the expiration as a decimal string. */
export function delegationResult(payload: Omit<AuthorizeSuccess, 'kind'>): {
  publicKey: string;
  signerDelegation: {
    delegation: { pubkey: string; expiration: string; targets?: string[] };
    signature: string;
  }[];
} {
  return {
    publicKey: toBase64(payload.userPublicKey),
    signerDelegation: payload.delegations.map(({ delegation, signature }) => ({
      delegation: {
        pubkey: toBase64(delegation.pubkey),
        expiration: delegation.expiration.toString(),
        ...(delegation.targets !== undefined
          ? { targets: delegation.targets.map((t) => t.toText()) }
          : {}),
      },
      signature: toBase64(signature),
    })),
  };
}
