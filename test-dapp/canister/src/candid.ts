/**
 * The test dapp's Candid interface, written once: the canister declares its methods with these
 * types and tests/the frontend build actors from `idlFactory`. Plain @dfinity/candid (no azle
 * import) so Node and the browser can use it too.
 */
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import {
  HeaderField,
  HttpRequest,
  type HttpRequestT,
  HttpResponse,
  type HttpResponseT,
} from '@ii/canister/candid';

/**
 * `opt InitArg` at install and upgrade. Every field is optional; on upgrade an absent field keeps
 * the stored value.
 */
export const InitArg = IDL.Record({
  /** Identity provider origin (+ path) the page logs in with; the page's `?ii=` overrides it. */
  ii_url: IDL.Opt(IDL.Text),
  /** Development networks only: the page fetches the network's root key. */
  fetch_root_key: IDL.Opt(IDL.Bool),
  /** Initial `/.well-known/ii-alternative-origins` body, served verbatim. */
  alternative_origins: IDL.Opt(IDL.Text),
  /** Initial `/.well-known/ii-auth-callbacks` body (ICRC-167 callbacks), served verbatim. */
  auth_callbacks: IDL.Opt(IDL.Text),
});
export interface InitArgT {
  ii_url: [] | [string];
  fetch_root_key: [] | [boolean];
  alternative_origins: [] | [string];
  auth_callbacks: [] | [string];
}

// The HTTP gateway types are the standard ones, written once in the II canister's Candid module.
export { HeaderField, HttpRequest, HttpResponse, type HttpRequestT, type HttpResponseT };

export interface TestDappService {
  whoami: () => Promise<string>;
  whoami_update: () => Promise<Principal>;
  set_alternative_origins: (json: string) => Promise<void>;
  set_auth_callbacks: (json: string) => Promise<void>;
  http_request: (req: HttpRequestT) => Promise<HttpResponseT>;
}

export const idlFactory: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    whoami: I.Func([], [I.Text], ['query']),
    whoami_update: I.Func([], [I.Principal], []),
    set_alternative_origins: I.Func([I.Text], [], []),
    set_auth_callbacks: I.Func([I.Text], [], []),
    http_request: I.Func([HttpRequest], [HttpResponse], ['query']),
  });

/** The Candid-encoded `(opt InitArg)` for `installCanister`'s `arg`. */
export function encodeInitArg(arg: Partial<{ [K in keyof InitArgT]: InitArgT[K][0] }> | null) {
  if (arg === null) return new Uint8Array(IDL.encode([IDL.Opt(InitArg)], [[]]));
  const opt = <T>(v: T | undefined): [] | [T] => (v === undefined ? [] : [v]);
  const value: InitArgT = {
    ii_url: opt(arg.ii_url),
    fetch_root_key: opt(arg.fetch_root_key),
    alternative_origins: opt(arg.alternative_origins),
    auth_callbacks: opt(arg.auth_callbacks),
  };
  return new Uint8Array(IDL.encode([IDL.Opt(InitArg)], [[value]]));
}
