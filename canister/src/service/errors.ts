/** Refusals the service adds to the anchor domain's; its share of the canister's error table. */
import type { ANCHOR_ERRORS } from '../anchors/errors.js';
import { CanisterError } from '../canister-error.js';
import type { DelegationErrorCode } from '../delegation/errors.js';
import type { DecodeErrorCode } from '../storage/wire.js';

const DECODE_FAILURES: Record<DecodeErrorCode, string> = {
  TooShort: 'is too short',
  ChecksumMismatch: 'fails its checksum',
  InvalidVersion: 'has an invalid format version',
  UnsupportedVersion: 'has a format version this build cannot read',
  Malformed: 'is malformed',
  MissingField: 'lacks a required field',
  DuplicateField: 'repeats a field',
  InvalidValue: 'holds an invalid value',
};

const decodeCodes = <P extends string>(prefix: P, what: string) =>
  Object.fromEntries(
    Object.entries(DECODE_FAILURES).map(([code, failure]) => [
      `${prefix}${code}`,
      `the stored ${what} ${failure}`,
    ]),
  ) as Record<`${P}${DecodeErrorCode}`, string>;

export const SERVICE_ERRORS = {
  AnchorNotFound: 'the anchor does not exist',
  Unauthorized: 'the caller is not allowed to do this',
  InvalidDevice: 'the device data cannot be read',
  SaltAlreadySet: 'the salt is already set',
  SaltNotSet: 'the salt could not be initialised',
  BadRandomness: 'raw_rand returned an unexpected number of bytes',
  RateLimitExceeded: 'the registration rate limit is reached',
  TooManyInflightCaptchas: 'too many captchas are waiting to be solved',
  UnsupportedInitSetting: 'the init argument sets something this canister does not implement',
  ArchiveBufferFull: 'the archive buffer is full: anchor operations wait for the archive',
  ...decodeCodes('AnchorRecord', 'anchor record'),
  ...decodeCodes('PersistentState', 'persistent state'),
};

export type ServiceErrorCode =
  keyof typeof SERVICE_ERRORS | keyof typeof ANCHOR_ERRORS | DelegationErrorCode;

/**
 * A refusal that must reject the call and undo everything it did (a trap, on the IC). Its message
 * starts with the code: `Unauthorized: the caller is not authorized to use anchor 10000`.
 */
export class ServiceError extends CanisterError {
  declare readonly code: ServiceErrorCode;

  constructor(code: ServiceErrorCode, detail: string) {
    super(code, `${code}: ${detail}`);
    this.name = 'ServiceError';
  }
}
