/** Errors of the certification modules: guard failures (bugs in the caller), never expected outcomes. */
import { CanisterError } from '../canister-error.js';

export const CERTIFICATION_ERRORS = {
  II_ERR_CERT_PATH_EMPTY: 'a tree path needs at least one label',
  II_ERR_CERT_PATH_THROUGH_LEAF: 'the path runs through a leaf',
  II_ERR_CERT_PATH_IS_SUBTREE: 'the path names a subtree, not a leaf',
  II_ERR_CERT_HASH_LENGTH: 'a hash must be 32 bytes',
  II_ERR_CBOR_UNSUPPORTED: 'value cannot be CBOR-encoded by this encoder',
} as const;

export type CertificationErrorCode = keyof typeof CERTIFICATION_ERRORS;

export class CertificationError extends CanisterError {
  declare readonly code: CertificationErrorCode;

  constructor(code: CertificationErrorCode, detail?: string) {
    super(code, detail ? `${CERTIFICATION_ERRORS[code]}: ${detail}` : CERTIFICATION_ERRORS[code]);
    this.name = 'CertificationError';
  }
}
