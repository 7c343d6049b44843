/**
 * Errors of the certification module, with the codes of CERTIFICATION_ERRORS (part of the package's
 * table in ../errors.ts), so callers can branch on `code` instead of parsing messages.
 */
import { CERTIFICATION_ERRORS, LocalnetError } from '../errors.js';

export { CERTIFICATION_ERRORS };

export type CertificationErrorCode = keyof typeof CERTIFICATION_ERRORS;

/** The root of every error thrown by `certification/`. */
export class CertificationError extends LocalnetError {
  declare readonly code: CertificationErrorCode;
  override readonly name = 'CertificationError';

  constructor(code: CertificationErrorCode, detail?: string) {
    super(code, detail ? `${CERTIFICATION_ERRORS[code]}: ${detail}` : CERTIFICATION_ERRORS[code]);
  }
}
