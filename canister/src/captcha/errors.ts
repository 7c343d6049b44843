/** The captcha store's errors; its share of the canister's error table. */
import { CanisterError } from '../canister-error.js';

export const CAPTCHA_ERRORS = {
  II_ERR_CAPTCHA_TOO_MANY: 'too many inflight captchas',
  II_ERR_CAPTCHA_DUPLICATE_KEY: 'captcha challenge key already in use',
} as const;

/** `add` when `maxUnsolved` live challenges exist (II traps "too many inflight captchas"). */
export class TooManyInflightCaptchasError extends CanisterError {
  constructor(readonly limit: number) {
    super('II_ERR_CAPTCHA_TOO_MANY', CAPTCHA_ERRORS.II_ERR_CAPTCHA_TOO_MANY);
    this.name = 'TooManyInflightCaptchasError';
  }
}

/** `add` with a key that is already in use; keys are random, so this means a bug. */
export class DuplicateChallengeKeyError extends CanisterError {
  constructor(readonly key: string) {
    super('II_ERR_CAPTCHA_DUPLICATE_KEY', CAPTCHA_ERRORS.II_ERR_CAPTCHA_DUPLICATE_KEY);
    this.name = 'DuplicateChallengeKeyError';
  }
}
