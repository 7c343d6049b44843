/**
 * Every error code of localnet in one table, code → what it means, composed from the areas'
 * tables below: callers match on `code`, never on message text. Each area's error class extends
 * LocalnetError with its area's codes. Messages are unchanged by the codes: where a client sees
 * one (a reject text, a 400 body), it is the IC's wording.
 */

/** wasm/: the canister runtime. */
export const WASM_ERRORS = {
  II_ERR_WASM_CALLED_TRAP: 'the canister called ic0.trap (the message trapped: IC0503)',
  II_ERR_WASM_TRAPPED: 'the host made the message trap (IC0502)',
  II_ERR_WASM_CONTRACT_VIOLATION:
    'a System API call broke the interface contract, e.g. msg_reply twice (IC0504)',
  II_ERR_WASM_INSTRUCTION_LIMIT: 'the message ran out of instructions (IC0522)',
  II_ERR_WASM_INVALID_MODULE:
    'the module cannot be loaded: not wasm, imports localnet does not provide, no exported memory',
  II_ERR_WASM_PARSE: 'the wasm binary is malformed where localnet reads or rewrites it',
  II_ERR_WASM_STABLE_MEMORY: 'stable memory refused an access, a transaction step or a snapshot',
  II_ERR_WASM_RUNTIME_USAGE: 'the runtime was used wrongly (a bug in its caller, not a trap)',
} as const;

/** replica/: execution and the management canister. */
export const REPLICA_ERRORS = {
  II_ERR_REPLICA_REJECT:
    'a replica operation was refused (management canister, install_code); the caller gets a reject with its rejectCode and errorCode',
  II_ERR_CLOCK_BACKWARDS: 'canister time can only move forward',
} as const;

/** auth/: request authentication. */
export const AUTH_ERRORS = {
  II_ERR_AUTH_REQUEST_INVALID:
    'the request fails validation (ingress expiry, sender, signature, delegations, targets); answered with its status',
  II_ERR_AUTH_SIGNATURE: 'a signature, public key or certificate does not verify',
} as const;

/** certification/: the state tree, certificates, node signatures. */
export const CERTIFICATION_ERRORS = {
  II_ERR_CERT_PATH_EMPTY: 'a state tree path needs at least one label',
  II_ERR_CERT_PATH_THROUGH_LEAF: 'the path runs through a leaf',
  II_ERR_CERT_PATH_IS_SUBTREE: 'the path names a subtree, not a leaf',
  II_ERR_CERT_SEED_LENGTH: 'a certifier seed must be exactly 32 bytes',
  II_ERR_CERT_HASH_LENGTH: 'a hash must be exactly 32 bytes',
  II_ERR_CERT_BAD_QUERY_RESPONSE: 'the query response cannot be signed',
} as const;

/** http/: the IC HTTP interface (api/) and the HTTP gateway (gateway/). */
export const HTTP_ERRORS = {
  II_ERR_HTTP_ENVELOPE: 'the request body is not a CBOR envelope of its endpoint; answered 400',
  II_ERR_GATEWAY_CANDID:
    "a canister's http_request answer (or streaming callback) is not the gateway protocol's Candid; answered 500",
  II_ERR_GATEWAY_STREAMING: 'a streaming callback was rejected; answered 500',
} as const;

/** tls/: the local CA and its leaf certificates. */
export const TLS_ERRORS = {
  II_ERR_TLS_HOSTNAME: 'a leaf certificate needs at least one valid DNS name or IPv4 address',
  II_ERR_TLS_LEAF: 'no leaf certificate could be issued for the name a client asked for (SNI)',
  II_ERR_TLS_CA:
    'the CA in the state dir cannot be used: unreadable, key and certificate apart, expired, or one file missing',
} as const;

/** The library and the state dir (localnet.ts, persistence.ts). */
export const LIBRARY_ERRORS = {
  II_ERR_STATE_DIR_SEED: 'seed.bin in the state dir does not hold 32 bytes',
  II_ERR_STATE_DIR_VERSION: 'state.json was written by a state version this localnet cannot read',
  II_ERR_INSTALL_REJECTED:
    'installCanister: the management canister rejected creating the canister or install_code',
} as const;

export const LOCALNET_ERRORS = {
  ...WASM_ERRORS,
  ...REPLICA_ERRORS,
  ...AUTH_ERRORS,
  ...CERTIFICATION_ERRORS,
  ...HTTP_ERRORS,
  ...TLS_ERRORS,
  ...LIBRARY_ERRORS,
} as const;

export type LocalnetErrorCode = keyof typeof LOCALNET_ERRORS;

/** The root of every error localnet throws; `code` is a key of LOCALNET_ERRORS. */
export class LocalnetError extends Error {
  readonly code: LocalnetErrorCode;

  constructor(code: LocalnetErrorCode, message: string) {
    super(message);
    this.name = 'LocalnetError';
    this.code = code;
  }
}
