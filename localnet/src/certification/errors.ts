/**
 * Errors of the certification module. One root class with a code table, so callers can branch on
 * `code` instead of parsing messages.
 */
export const CERTIFICATION_ERRORS = {
  II_ERR_CERT_PATH_EMPTY: 'a state tree path needs at least one label',
  II_ERR_CERT_PATH_THROUGH_LEAF: 'the path runs through a leaf',
  II_ERR_CERT_PATH_IS_SUBTREE: 'the path names a subtree, not a leaf',
  II_ERR_CERT_SEED_LENGTH: 'a certifier seed must be exactly 32 bytes',
  II_ERR_CERT_HASH_LENGTH: 'a hash must be exactly 32 bytes',
  II_ERR_CERT_BAD_QUERY_RESPONSE: 'the query response cannot be signed',
} as const;

export type CertificationErrorCode = keyof typeof CERTIFICATION_ERRORS;

/** The root of every error thrown by `certification/`. */
export class CertificationError extends Error {
  override readonly name = 'CertificationError';

  constructor(
    readonly code: CertificationErrorCode,
    detail?: string,
  ) {
    super(detail ? `${CERTIFICATION_ERRORS[code]}: ${detail}` : CERTIFICATION_ERRORS[code]);
  }
}
