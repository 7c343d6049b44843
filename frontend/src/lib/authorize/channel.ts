/**
 * The postMessage side of the client authentication protocol. II announces itself to its opener
 * (target "*": the message holds no secret and the dapp's origin is not known yet), then takes
 * the first valid `authorize-client` request from the opener; the response goes back to exactly
 * the origin that asked.
 */
import { FrontendError } from '../errors.js';
import {
  authorizeFailure,
  authorizeReady,
  authorizeSuccess,
  parseAuthRequest,
  type AuthorizeSuccess,
  type AuthRequest,
} from './protocol.js';

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

export interface ReceivedAuthRequest {
  origin: string;
  request: AuthRequest;
  warnings: string[];
}

/** Called for each message that was ignored because it was not a valid request. */
export type InvalidMessageReporter = (origin: string, error: string) => void;

const defaultReporter: InvalidMessageReporter = (origin, error) =>
  console.warn(`Ignored a message from ${origin}: ${error}`);

export function waitForAuthRequest(
  win: MessageWindow,
  opener: Opener,
  timeoutMs: number = AUTH_REQUEST_TIMEOUT_MS,
  onInvalid: InvalidMessageReporter = defaultReporter,
): Promise<ReceivedAuthRequest> {
  return new Promise((resolve, reject) => {
    const listener = (event: MessageEvent) => {
      // Our own origin: e.g. browser extensions or dev tools posting into the page.
      if (event.origin === win.location.origin) return;
      // Only the window that opened us takes part in the protocol.
      if (event.source !== null && event.source !== undefined && event.source !== opener) return;
      const parsed = parseAuthRequest(event.data);
      if (!parsed.ok) {
        onInvalid(event.origin, parsed.error);
        return;
      }
      for (const w of parsed.warnings) onInvalid(event.origin, w);
      cleanup();
      resolve({ origin: event.origin, request: parsed.request, warnings: parsed.warnings });
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new AuthRequestTimeoutError(timeoutMs));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      win.removeEventListener('message', listener);
    };
    // Listen before announcing, so a fast reply cannot be missed.
    win.addEventListener('message', listener);
    opener.postMessage(authorizeReady(), '*');
  });
}

export function sendSuccess(
  opener: Opener,
  origin: string,
  payload: Omit<AuthorizeSuccess, 'kind'>,
): void {
  opener.postMessage(authorizeSuccess(payload), origin);
}

export function sendFailure(opener: Opener, origin: string, text: string): void {
  opener.postMessage(authorizeFailure(text), origin);
}
