/**
 * Every error code of the canister, composed from the areas' tables: what a caller can match on.
 * Refusals of a call trap with `<Code>: <detail>` (the anchor and service codes); the `II_ERR_*`
 * codes are guard failures of the plain modules (a bug in their caller, or a malformed argument).
 */
import { ANCHOR_ERRORS } from './anchors/errors.js';
import { CANISTER_BUILD_ERRORS } from './build-errors.js';
import { CANDID_ERRORS } from './candid-check/errors.js';
import { CAPTCHA_ERRORS } from './captcha/errors.js';
import { CERTIFICATION_ERRORS } from './certification/errors.js';
import { DELEGATION_ERRORS } from './delegation/errors.js';
import { SERVICE_ERRORS } from './service/errors.js';

export const CANISTER_ERRORS = {
  ...ANCHOR_ERRORS,
  ...SERVICE_ERRORS,
  ...DELEGATION_ERRORS,
  ...CERTIFICATION_ERRORS,
  ...CANDID_ERRORS,
  ...CAPTCHA_ERRORS,
  ...CANISTER_BUILD_ERRORS,
} as const;

export type CanisterErrorCode = keyof typeof CANISTER_ERRORS;

export { CanisterError } from './canister-error.js';
