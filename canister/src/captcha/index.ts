// Public surface of the captcha module (plain TypeScript, no azle import).
export {
  createChallenge,
  CAPTCHA_WIDTH,
  CAPTCHA_HEIGHT,
  CHALLENGE_KEY_LENGTH,
} from './challenge.js';
export type { Challenge, ChallengeOptions } from './challenge.js';
export { normalizeAnswer, CAPTCHA_LENGTH, CHALLENGE_CHARSET } from './charset.js';
export {
  CaptchaStore,
  CAPTCHA_LIFETIME_NS,
  DEFAULT_MAX_UNSOLVED,
  TooManyInflightCaptchasError,
  DuplicateChallengeKeyError,
} from './store.js';
export type { CheckResult } from './store.js';
