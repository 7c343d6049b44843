/** The decoded forms the HTTP layer hands to authentication (CBOR maps as plain objects). */
import type { Principal } from '@dfinity/principal';

export interface RequestContent {
  request_type: 'call' | 'query' | 'read_state' | string;
  sender: Uint8Array;
  /** ns since epoch; @dfinity/cbor decodes small values as number. */
  ingress_expiry: bigint | number;
  nonce?: Uint8Array;
  canister_id?: Uint8Array;
  method_name?: string;
  arg?: Uint8Array;
  paths?: Uint8Array[][];
  [field: string]: unknown;
}

export interface Delegation {
  pubkey: Uint8Array;
  expiration: bigint | number;
  targets?: Uint8Array[];
}

export interface SignedDelegation {
  delegation: Delegation;
  signature: Uint8Array;
}

export interface Envelope {
  content: RequestContent;
  sender_pubkey?: Uint8Array;
  sender_sig?: Uint8Array;
  sender_delegation?: SignedDelegation[];
}

export interface AuthOptions {
  /** Replica time, ns since epoch. */
  now: bigint;
  /**
   * For read_state: the effective canister id of the URL, checked against delegation targets.
   * call/query are checked against `content.canister_id`, as the replica does.
   */
  effectiveCanisterId?: Uint8Array;
  /** DER (133 bytes) of the BLS root key that canister-signature certificates must chain to. */
  rootKey: Uint8Array;
}

export type AuthResult =
  | {
      ok: true;
      sender: Principal;
      requestId: Uint8Array;
      /** Canister ids common to all delegations; undefined = unrestricted. */
      targets?: Uint8Array[];
    }
  | { ok: false; status: 400 | 403; message: string };
