/** Failures of our own WebAuthn logic (the browser's own errors are DOMExceptions). */
export type PasskeyProblem =
  | 'no_credentials'
  | 'unknown_credential'
  | 'public_key_unknown'
  | 'bad_attestation'
  | 'unsupported_algorithm';

export class PasskeyError extends Error {
  override name = 'PasskeyError';
  constructor(
    readonly problem: PasskeyProblem,
    message: string,
  ) {
    super(message);
  }
}
