/**
 * What the window transports share: the parts of `window` and `window.opener` they use and the
 * legacy protocol's timeout. II announces itself to its opener with `authorize-ready` (target
 * "*": the message holds no secret and the dapp's origin is not known yet); window-signer.ts takes
 * the opener's request in either protocol and answers exactly the origin that asked.
 */
import { FrontendError } from '../errors.js';

/** The parts of `window` this module uses. */
export interface MessageWindow {
  location: { origin: string };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** The parts of `window.opener` this module uses. */
export interface Opener {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** Spec/II: the dapp has 10 s to send its request after `authorize-ready`. */
export const AUTH_REQUEST_TIMEOUT_MS = 10_000;

export class AuthRequestTimeoutError extends FrontendError {
  override name = 'AuthRequestTimeoutError';
  constructor(ms: number) {
    super(
      'authorize_request_timeout',
      undefined,
      undefined,
      `The application did not send an authentication request within ${ms / 1000} seconds.`,
    );
  }
}
