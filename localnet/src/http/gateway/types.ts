import type { Principal } from '@dfinity/principal';

export type CallOutcome = { reply: Uint8Array } | { reject: { code: number; message: string } };

/** What the gateway needs from the replica: calls as the anonymous principal, and the root key. */
export interface GatewayBackend {
  /** Non-replicated query as the anonymous principal (the reply carries the canister's data certificate where the canister asks for it). */
  query(canisterId: Principal, method: string, arg: Uint8Array): Promise<CallOutcome>;
  /** Update call as the anonymous principal (for http_request_update). */
  update(canisterId: Principal, method: string, arg: Uint8Array): Promise<CallOutcome>;
  canisterExists(canisterId: Principal): boolean;
  /** DER of the root key certificates are signed with. */
  rootKeyDer: Uint8Array;
  /** Current time in ns, for the certificate freshness check. */
  now(): bigint;
}

export interface GatewayOptions {
  backend: GatewayBackend;
  /** hostname → canister id text, e.g. `identity.localhost`, `identity.ic0.app`. */
  aliases?: Record<string, string>;
}

export type HeaderField = [string, string];

/** An HTTP request as the gateway hands it to a canister. */
export interface GatewayRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** Lowercased names, in arrival order, duplicates kept. */
  headers: HeaderField[];
  body: Uint8Array;
}

export interface GatewayResponse {
  status: number;
  headers: HeaderField[];
  body: Uint8Array;
}
