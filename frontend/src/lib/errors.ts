/**
 * The frontend's one error class and its code table. Everything the UI shows is a `FrontendError`:
 * canister traps, network trouble, WebAuthn outcomes and the canister's "soft" failures (bad
 * captcha, wrong code, mode off), with a `code` the UI branches on and a `message` written for the
 * user. The technical description stays in `detail` (for logs), never in `message`. The frontend's
 * own checks (recovery phrases, passkeys, page config, CBOR, the authorize channel) throw
 * subclasses with their own codes from the same table, which `toFrontendError` turns into one of
 * the codes the user is shown (`SHOWN_AS`).
 */
import {
  AgentError,
  CertifiedRejectErrorCode,
  ErrorKindEnum,
  HttpErrorCode,
  UncertifiedRejectErrorCode,
  UncertifiedRejectUpdateErrorCode,
} from '@dfinity/agent';

export const FRONTEND_ERRORS = {
  // What the user is shown: the meaning is the message.
  // canister traps (`<Code>: <message>`)
  unauthorized: 'This device is not allowed to manage this Internet Identity.',
  too_many_devices: 'This Internet Identity already has the maximum number of devices.',
  duplicate_device: 'This device is already registered with this Internet Identity.',
  device_not_found: 'That device is not registered with this Internet Identity.',
  multiple_recovery_phrases: 'This Internet Identity already has a recovery phrase.',
  protected_device:
    'This recovery phrase is locked: only the recovery phrase itself can change it.',
  invalid_device: 'The device details are not valid (for example, the name is too long).',
  anchor_not_found: 'There is no Internet Identity with this number.',
  rate_limited: 'Too many new Internet Identities are being created right now. Try again later.',
  too_many_captchas:
    'Too many registrations are in progress right now. Try again in a few minutes.',
  // canister results that are not traps
  canister_full: 'No more Internet Identities can be created right now.',
  bad_captcha: 'The characters did not match. Here is a new image: type the characters in it.',
  wrong_code: 'The verification code is wrong.',
  registration_mode_off:
    'Adding a device is not enabled for this Internet Identity (or it timed out). Start again from your other device.',
  another_device_added: 'Another device is already waiting to be added to this Internet Identity.',
  no_device_to_verify: 'There is no device waiting to be verified.',
  delegation_not_ready: 'The sign-in could not be completed in time. Please try again.',
  // environment
  unreachable: 'Internet Identity cannot be reached. Check your connection and try again.',
  untrusted_response:
    'The answer from the Internet Computer could not be verified. Try again later.',
  passkey_cancelled: 'The passkey request was cancelled or timed out.',
  passkey_already_registered: 'This passkey is already registered with this Internet Identity.',
  passkey_unsupported: 'This browser does not support passkeys.',
  passkey_unknown: 'The passkey used does not belong to this Internet Identity.',
  // input
  invalid_phrase: 'This is not a valid recovery phrase.',
  invalid_anchor: 'An Identity Anchor is a number, e.g. 10000.',
  unknown: 'Something went wrong. Please try again.',

  // The frontend's own checks: subclasses whose message says precisely what failed, shown to the
  // user as SHOWN_AS says.
  // RecoveryPhraseError: what the user typed or pasted is not a phrase
  phrase_empty: 'no words were given',
  phrase_no_anchor: 'a phrase to log in with does not start with the anchor number',
  phrase_anchor_position: 'a number stands elsewhere than first, or is glued to the first word',
  phrase_bad_anchor: 'the anchor number is 2^64 or more',
  phrase_unknown_word: 'a word is not in the BIP-39 English wordlist',
  phrase_word_count: 'not 12, 15, 18, 21 or 24 words',
  phrase_checksum: 'the words fail the BIP-39 checksum (a mistyped valid word, or two swapped)',
  // PasskeyError: our WebAuthn logic (the browser's own errors are DOMExceptions)
  webauthn_no_credentials: 'the anchor has no passkey to sign with',
  webauthn_unknown_credential: "the passkey that answered is not one of the anchor's",
  webauthn_public_key_unknown: 'with several passkeys, the key is known only after one has signed',
  webauthn_bad_attestation: 'the attestation lacks, truncates or garbles the credential data',
  webauthn_unsupported_algorithm:
    'the new key is not ES256 (P-256) or RS256, which the IC verifies',
  // CborError: authenticator bytes this reader does not decode
  cbor_invalid: 'truncated, trailing bytes, indefinite lengths, too large or too deeply nested',
  // ConfigError: the page's <script id="ii-config"> (shown on the page as it is)
  config_missing: 'the page has no ii-config element',
  config_unfilled: 'the canister did not fill in the page configuration (e.g. a page from disk)',
  config_not_json: 'the page configuration is not JSON',
  config_invalid: 'the page configuration does not match its schema',
  // AuthRequestTimeoutError: the authorize protocol
  authorize_request_timeout: 'the dapp sent no valid authorize-client request in time',
} as const;

export type FrontendErrorCode = keyof typeof FRONTEND_ERRORS;

export class FrontendError extends Error {
  override name = 'FrontendError';
  constructor(
    readonly code: FrontendErrorCode,
    /** Technical description for logs. */
    readonly detail?: string,
    /** For `wrong_code`: attempts left before registration mode ends. */
    readonly retriesLeft?: number,
    /** A more precise text for the user than the code's (e.g. which phrase word is wrong). */
    message?: string,
  ) {
    super(
      message ??
        (code === 'wrong_code' && retriesLeft !== undefined
          ? `${FRONTEND_ERRORS.wrong_code} ${retriesLeft} ${retriesLeft === 1 ? 'attempt' : 'attempts'} left.`
          : FRONTEND_ERRORS[code]),
    );
  }
}

const asInvalidPhrase = { code: 'invalid_phrase', keepMessage: true } as const;
const asUnknown = { code: 'unknown' } as const;
/**
 * How the user is shown the frontend's own failures: under which code, and whether their message
 * (written for the user, saying exactly what is wrong) is kept; otherwise it becomes the `detail`.
 * Codes not listed are shown as they are.
 */
const SHOWN_AS: Partial<
  Record<FrontendErrorCode, { code: FrontendErrorCode; keepMessage?: boolean }>
> = {
  phrase_empty: asInvalidPhrase,
  phrase_no_anchor: asInvalidPhrase,
  phrase_anchor_position: asInvalidPhrase,
  phrase_bad_anchor: asInvalidPhrase,
  phrase_unknown_word: asInvalidPhrase,
  phrase_word_count: asInvalidPhrase,
  phrase_checksum: asInvalidPhrase,
  webauthn_no_credentials: asUnknown,
  webauthn_unknown_credential: { code: 'passkey_unknown' },
  webauthn_public_key_unknown: asUnknown,
  webauthn_bad_attestation: asUnknown,
  webauthn_unsupported_algorithm: { code: 'passkey_unsupported' },
  cbor_invalid: asUnknown,
  config_missing: asUnknown,
  config_unfilled: asUnknown,
  config_not_json: asUnknown,
  config_invalid: asUnknown,
  authorize_request_timeout: asUnknown,
};

/**
 * Whether doing the same thing again can succeed (a "Try again" button helps). Not for errors
 * that repeat until something else changes: an already registered passkey, a wrong phrase…
 */
export function canRetry(e: FrontendError): boolean {
  return [
    'passkey_cancelled',
    'unreachable',
    'untrusted_response',
    'delegation_not_ready',
    'unknown',
  ].includes(e.code);
}

/** The canister traps with `<Code>: <message>`; codes not listed here become `unknown`. */
const TRAP_CODES: Record<string, FrontendErrorCode> = {
  Unauthorized: 'unauthorized',
  TooManyDevices: 'too_many_devices',
  DuplicateDevice: 'duplicate_device',
  DeviceNotFound: 'device_not_found',
  MultipleRecoveryPhrases: 'multiple_recovery_phrases',
  MutationNotAllowed: 'protected_device',
  AliasTooLong: 'invalid_device',
  PubkeyTooLong: 'invalid_device',
  CredentialIdTooLong: 'invalid_device',
  OriginTooLong: 'invalid_device',
  VariableFieldsLimitExceeded: 'invalid_device',
  ReservedMetadataKey: 'invalid_device',
  DuplicateMetadataKey: 'invalid_device',
  InvalidDeviceProtection: 'invalid_device',
  RecoveryPhraseWithCredentialId: 'invalid_device',
  CannotModifyDeviceKey: 'invalid_device',
  InvalidDevice: 'invalid_device',
  AnchorNotFound: 'anchor_not_found',
  RateLimitExceeded: 'rate_limited',
  TooManyInflightCaptchas: 'too_many_captchas',
};

const TRAP_PATTERN = new RegExp(`\\b(${Object.keys(TRAP_CODES).join('|')}): `);

/** Finds a known trap code anywhere in a reject message (the replica wraps the trap text). */
export function trapCode(rejectMessage: string): FrontendErrorCode | undefined {
  const m = TRAP_PATTERN.exec(rejectMessage);
  return m ? TRAP_CODES[m[1]] : undefined;
}

function fromAgentError(e: AgentError): FrontendError {
  const code = e.cause.code;
  if (
    code instanceof CertifiedRejectErrorCode ||
    code instanceof UncertifiedRejectErrorCode ||
    code instanceof UncertifiedRejectUpdateErrorCode
  ) {
    const trap = trapCode(code.rejectMessage);
    if (trap) return new FrontendError(trap, code.rejectMessage);
    // Reject codes 1-3: the system could not deliver the call (canister missing, stopped, busy).
    if (code.rejectCode <= 3) return new FrontendError('unreachable', code.rejectMessage);
    return new FrontendError('unknown', code.rejectMessage);
  }
  if (e.kind === ErrorKindEnum.Transport) return new FrontendError('unreachable', e.message);
  if (code instanceof HttpErrorCode && (code.status >= 500 || code.status === 429))
    return new FrontendError('unreachable', e.message);
  if (e.kind === ErrorKindEnum.Trust) return new FrontendError('untrusted_response', e.message);
  return new FrontendError('unknown', e.message);
}

function fromWebAuthn(e: Error): FrontendError | undefined {
  // @simplewebauthn/browser keeps the DOMException's name on its WebAuthnError.
  switch (e.name) {
    case 'NotAllowedError':
    case 'AbortError':
      return new FrontendError('passkey_cancelled', e.message);
    case 'InvalidStateError':
      return new FrontendError('passkey_already_registered', e.message);
    case 'NotSupportedError':
      return new FrontendError('passkey_unsupported', e.message);
  }
  if (e.message === 'WebAuthn is not supported in this browser')
    return new FrontendError('passkey_unsupported', e.message);
  return undefined;
}

/** The frontend's own failures as the user sees them (`SHOWN_AS`); the rest as they are. */
function shown(e: FrontendError): FrontendError {
  const as = SHOWN_AS[e.code];
  if (!as) return e;
  return as.keepMessage
    ? new FrontendError(as.code, e.code, undefined, e.message)
    : new FrontendError(as.code, e.message);
}

/** Turns anything thrown by the agent, the browser or our code into a `FrontendError` to show. */
export function toFrontendError(e: unknown): FrontendError {
  if (e instanceof FrontendError) return shown(e);
  if (e instanceof AgentError) return fromAgentError(e);
  if (e instanceof Error) {
    const webauthn = fromWebAuthn(e);
    if (webauthn) return webauthn;
    // fetch() failing before any response: offline, DNS, CORS, refused connection.
    if (e.name === 'TypeError' && /fetch|network/i.test(e.message))
      return new FrontendError('unreachable', e.message);
    const trap = trapCode(e.message);
    if (trap) return new FrontendError(trap, e.message);
    return new FrontendError('unknown', e.message);
  }
  return new FrontendError('unknown', String(e));
}
