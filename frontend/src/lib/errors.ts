/**
 * One error type for everything the UI shows: canister traps, network trouble, WebAuthn outcomes
 * and the canister's "soft" failures (bad captcha, wrong code, mode off) all become an `IIError`
 * with a `kind` the UI can branch on and a `message` written for the user. The technical
 * description stays in `detail` (for logs), never in `message`.
 */
import {
  AgentError,
  CertifiedRejectErrorCode,
  ErrorKindEnum,
  HttpErrorCode,
  UncertifiedRejectErrorCode,
  UncertifiedRejectUpdateErrorCode,
} from '@dfinity/agent';
import { RecoveryPhraseError } from './recovery-phrase.js';
import { PasskeyError } from './webauthn/errors.js';

export type IIErrorKind =
  // canister traps (`<Code>: <message>`)
  | 'unauthorized'
  | 'too_many_devices'
  | 'duplicate_device'
  | 'device_not_found'
  | 'multiple_recovery_phrases'
  | 'protected_device'
  | 'invalid_device'
  | 'anchor_not_found'
  | 'rate_limited'
  | 'too_many_captchas'
  // canister results that are not traps
  | 'canister_full'
  | 'bad_captcha'
  | 'wrong_code'
  | 'registration_mode_off'
  | 'another_device_added'
  | 'no_device_to_verify'
  | 'delegation_not_ready'
  // environment
  | 'unreachable'
  | 'untrusted_response'
  | 'passkey_cancelled'
  | 'passkey_already_registered'
  | 'passkey_unsupported'
  | 'passkey_unknown'
  // input
  | 'invalid_phrase'
  | 'invalid_anchor'
  | 'unknown';

/** The text the user sees for each kind. */
export const ERROR_MESSAGES: Record<IIErrorKind, string> = {
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
  canister_full: 'No more Internet Identities can be created right now.',
  bad_captcha: 'The characters did not match. Here is a new image: type the characters in it.',
  wrong_code: 'The verification code is wrong.',
  registration_mode_off:
    'Adding a device is not enabled for this Internet Identity (or it timed out). Start again from your other device.',
  another_device_added: 'Another device is already waiting to be added to this Internet Identity.',
  no_device_to_verify: 'There is no device waiting to be verified.',
  delegation_not_ready: 'The sign-in could not be completed in time. Please try again.',
  unreachable: 'Internet Identity cannot be reached. Check your connection and try again.',
  untrusted_response:
    'The answer from the Internet Computer could not be verified. Try again later.',
  passkey_cancelled: 'The passkey request was cancelled or timed out.',
  passkey_already_registered: 'This passkey is already registered with this Internet Identity.',
  passkey_unsupported: 'This browser does not support passkeys.',
  passkey_unknown: 'The passkey used does not belong to this Internet Identity.',
  invalid_phrase: 'This is not a valid recovery phrase.',
  invalid_anchor: 'An Identity Anchor is a number, e.g. 10000.',
  unknown: 'Something went wrong. Please try again.',
};

export class IIError extends Error {
  override name = 'IIError';
  constructor(
    readonly kind: IIErrorKind,
    /** Technical description for logs. */
    readonly detail?: string,
    /** For `wrong_code`: attempts left before registration mode ends. */
    readonly retriesLeft?: number,
    /** A more precise text for the user than the kind's (e.g. which phrase word is wrong). */
    message?: string,
  ) {
    super(
      message ??
        (kind === 'wrong_code' && retriesLeft !== undefined
          ? `${ERROR_MESSAGES.wrong_code} ${retriesLeft} ${retriesLeft === 1 ? 'attempt' : 'attempts'} left.`
          : ERROR_MESSAGES[kind]),
    );
  }
}

/**
 * Whether doing the same thing again can succeed (a "Try again" button helps). Not for errors
 * that repeat until something else changes: an already registered passkey, a wrong phrase…
 */
export function canRetry(e: IIError): boolean {
  return [
    'passkey_cancelled',
    'unreachable',
    'untrusted_response',
    'delegation_not_ready',
    'unknown',
  ].includes(e.kind);
}

/** The canister traps with `<Code>: <message>`; codes not listed here become `unknown`. */
const TRAP_CODES: Record<string, IIErrorKind> = {
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
export function trapKind(rejectMessage: string): IIErrorKind | undefined {
  const m = TRAP_PATTERN.exec(rejectMessage);
  return m ? TRAP_CODES[m[1]] : undefined;
}

function fromAgentError(e: AgentError): IIError {
  const code = e.cause.code;
  if (
    code instanceof CertifiedRejectErrorCode ||
    code instanceof UncertifiedRejectErrorCode ||
    code instanceof UncertifiedRejectUpdateErrorCode
  ) {
    const kind = trapKind(code.rejectMessage);
    if (kind) return new IIError(kind, code.rejectMessage);
    // Reject codes 1-3: the system could not deliver the call (canister missing, stopped, busy).
    if (code.rejectCode <= 3) return new IIError('unreachable', code.rejectMessage);
    return new IIError('unknown', code.rejectMessage);
  }
  if (e.kind === ErrorKindEnum.Transport) return new IIError('unreachable', e.message);
  if (code instanceof HttpErrorCode && (code.status >= 500 || code.status === 429))
    return new IIError('unreachable', e.message);
  if (e.kind === ErrorKindEnum.Trust) return new IIError('untrusted_response', e.message);
  return new IIError('unknown', e.message);
}

function fromWebAuthn(e: Error): IIError | undefined {
  // @simplewebauthn/browser keeps the DOMException's name on its WebAuthnError.
  switch (e.name) {
    case 'NotAllowedError':
    case 'AbortError':
      return new IIError('passkey_cancelled', e.message);
    case 'InvalidStateError':
      return new IIError('passkey_already_registered', e.message);
    case 'NotSupportedError':
      return new IIError('passkey_unsupported', e.message);
  }
  if (e.message === 'WebAuthn is not supported in this browser')
    return new IIError('passkey_unsupported', e.message);
  return undefined;
}

/** Turns anything thrown by the agent, the browser or our code into an `IIError`. */
export function toIIError(e: unknown): IIError {
  if (e instanceof IIError) return e;
  if (e instanceof AgentError) return fromAgentError(e);
  // Its message is written for the user and says exactly what is wrong with the phrase.
  if (e instanceof RecoveryPhraseError)
    return new IIError('invalid_phrase', e.problem, undefined, e.message);
  if (e instanceof PasskeyError) {
    if (e.problem === 'unknown_credential') return new IIError('passkey_unknown', e.message);
    if (e.problem === 'unsupported_algorithm') return new IIError('passkey_unsupported', e.message);
    return new IIError('unknown', e.message);
  }
  if (e instanceof Error) {
    const webauthn = fromWebAuthn(e);
    if (webauthn) return webauthn;
    // fetch() failing before any response: offline, DNS, CORS, refused connection.
    if (e.name === 'TypeError' && /fetch|network/i.test(e.message))
      return new IIError('unreachable', e.message);
    const kind = trapKind(e.message);
    if (kind) return new IIError(kind, e.message);
    return new IIError('unknown', e.message);
  }
  return new IIError('unknown', String(e));
}
