/**
 * Errors of the delegation modules. Input the caller controls (a too-long hostname) is an expected
 * outcome and comes back as a `DelegationResult` failure; the rest are guard failures and throw.
 */
import { CanisterError } from '../canister-error.js';

export const DELEGATION_ERRORS = {
  II_ERR_DELEGATION_HOSTNAME_TOO_LONG: 'frontend hostname is longer than 255 bytes',
  II_ERR_DELEGATION_SALT_LENGTH: 'the salt must be 32 bytes',
  II_ERR_DELEGATION_NEGATIVE_ANCHOR: 'anchor numbers are unsigned',
  II_ERR_DELEGATION_CANISTER_ID_LENGTH: 'a canister id is at most 29 bytes',
  II_ERR_DELEGATION_HASH_LENGTH: 'seed and message hashes must be 32 bytes',
  II_ERR_DELEGATION_NO_CERTIFICATE: 'no data certificate: get_delegation must run as a query',
} as const;

export type DelegationErrorCode = keyof typeof DELEGATION_ERRORS;

export class DelegationError extends CanisterError {
  declare readonly code: DelegationErrorCode;

  constructor(code: DelegationErrorCode, detail?: string) {
    super(code, detail ? `${DELEGATION_ERRORS[code]}: ${detail}` : DELEGATION_ERRORS[code]);
    this.name = 'DelegationError';
  }
}

export type DelegationResult<T> = { ok: true; value: T } | { ok: false; error: DelegationError };
