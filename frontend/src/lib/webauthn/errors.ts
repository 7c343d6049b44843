import { FrontendError, type FrontendErrorCode } from '../errors.js';

/** Failures of our own WebAuthn logic (the browser's own errors are DOMExceptions). */
export type PasskeyErrorCode = Extract<FrontendErrorCode, `webauthn_${string}`>;

/** Its message is technical; `toFrontendError` shows it as `passkey_unknown`, `passkey_unsupported` or `unknown`. */
export class PasskeyError extends FrontendError {
  override name = 'PasskeyError';
  constructor(
    override readonly code: PasskeyErrorCode,
    message: string,
  ) {
    super(code, undefined, undefined, message);
  }
}
