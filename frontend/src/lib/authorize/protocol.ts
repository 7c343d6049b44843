/**
 * The client authentication protocol's messages (the Internet Identity
 * specification, "Client authentication protocol"). Requests come from another origin, so they are validated with zod and
 * never trusted beyond their schema.
 */
import type { Principal } from '@dfinity/principal';
import { z } from '../zod.js';

export type AuthnMethod = 'passkey' | 'pin' | 'recovery';

export interface AuthRequest {
  kind: 'authorize-client';
  /** DER public key of the dapp's session key: the delegation target. */
  sessionPublicKey: Uint8Array;
  /** Requested delegation lifetime in ns (clamp with `clampTtl`). */
  maxTimeToLive?: bigint;
  derivationOrigin?: string;
  allowPinAuthentication?: boolean;
  autoSelectionPrincipal?: string;
  /**
   * ICRC-34 only: canisters the delegation is restricted to. II then signs a second delegation
   * (from a key of its own to the session key) carrying the targets: the chain is valid for them only.
   */
  targets?: Principal[];
}

export const authRequestSchema = z.object({
  kind: z.literal('authorize-client'),
  sessionPublicKey: z
    .instanceof(Uint8Array)
    .refine((k) => k.length > 0, 'sessionPublicKey must not be empty'),
  // Older auth-client versions send a number: accepted, with a warning (see parseAuthRequest).
  maxTimeToLive: z
    .union([z.bigint().nonnegative(), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)])
    .optional(),
  derivationOrigin: z.string().optional(),
  allowPinAuthentication: z.boolean().optional(),
  autoSelectionPrincipal: z.string().optional(),
});

export type ParsedAuthRequest =
  { ok: true; request: AuthRequest; warnings: string[] } | { ok: false; error: string };

export function parseAuthRequest(data: unknown): ParsedAuthRequest {
  const parsed = authRequestSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: `Invalid authorize-client request: ${issues}` };
  }
  const warnings: string[] = [];
  const { maxTimeToLive, ...rest } = parsed.data;
  const request: AuthRequest = { ...rest };
  if (typeof maxTimeToLive === 'number') {
    warnings.push('maxTimeToLive should be a bigint (nanoseconds); a number was accepted.');
    request.maxTimeToLive = BigInt(maxTimeToLive);
  } else if (maxTimeToLive !== undefined) {
    request.maxTimeToLive = maxTimeToLive;
  }
  return { ok: true, request, warnings };
}

export interface AuthorizeReady {
  kind: 'authorize-ready';
}

export interface SignedDelegationMessage {
  delegation: { pubkey: Uint8Array; expiration: bigint; targets?: Principal[] };
  signature: Uint8Array;
}

export interface AuthorizeSuccess {
  kind: 'authorize-client-success';
  delegations: SignedDelegationMessage[];
  /** DER canister-signature public key: the user's identity for this frontend. */
  userPublicKey: Uint8Array;
  authnMethod: AuthnMethod;
}

export interface AuthorizeFailure {
  kind: 'authorize-client-failure';
  text: string;
}

export function authorizeReady(): AuthorizeReady {
  return { kind: 'authorize-ready' };
}

export function authorizeSuccess(payload: Omit<AuthorizeSuccess, 'kind'>): AuthorizeSuccess {
  return {
    kind: 'authorize-client-success',
    // Plain objects with exactly the spec's fields: postMessage clones them structurally.
    delegations: payload.delegations.map(({ delegation, signature }) => ({
      delegation: {
        pubkey: delegation.pubkey,
        expiration: delegation.expiration,
        ...(delegation.targets !== undefined ? { targets: delegation.targets } : {}),
      },
      signature,
    })),
    userPublicKey: payload.userPublicKey,
    authnMethod: payload.authnMethod,
  };
}

/** The canister's `signed_delegation` (Candid `opt` targets) as a protocol delegation. */
export function delegationFromCandid(signed: {
  delegation: { pubkey: Uint8Array; expiration: bigint; targets: [] | [Principal[]] };
  signature: Uint8Array;
}): SignedDelegationMessage {
  const [targets] = signed.delegation.targets;
  return {
    delegation: {
      pubkey: new Uint8Array(signed.delegation.pubkey),
      expiration: signed.delegation.expiration,
      ...(targets !== undefined ? { targets } : {}),
    },
    signature: new Uint8Array(signed.signature),
  };
}

export function authorizeFailure(text: string): AuthorizeFailure {
  return { kind: 'authorize-client-failure', text };
}
