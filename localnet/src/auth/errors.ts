/**
 * Typed rejections of request authentication. Messages follow the replica's
 * `RequestValidationError` texts (rs/validator), so clients see the same words as on mainnet.
 */
import { LocalnetError } from '../errors.js';

/** Every authentication failure; `status` is the HTTP status the endpoint should answer with. */
export class AuthError extends LocalnetError {
  declare readonly code: 'II_ERR_AUTH_REQUEST_INVALID';
  override readonly name = 'AuthError';
  constructor(
    message: string,
    /** The current replica answers every validation failure with 400 Bad Request. */
    readonly status: 400 | 403 = 400,
  ) {
    super('II_ERR_AUTH_REQUEST_INVALID', message);
  }
}

/** A signature (or public key) that does not verify; wrapped by the caller as request or delegation error. */
export class SignatureError extends LocalnetError {
  declare readonly code: 'II_ERR_AUTH_SIGNATURE';
  override readonly name = 'SignatureError';
  constructor(message: string) {
    super('II_ERR_AUTH_SIGNATURE', message);
  }
}

/** Converts anything thrown while checking into a message, never rethrowing. */
export function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
