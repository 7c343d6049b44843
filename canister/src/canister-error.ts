/**
 * The root of every error this package throws. Its `code` is a key of `CANISTER_ERRORS`
 * (errors.ts), the one table a caller matches on; each area subclasses it with its own codes.
 * Kept apart from errors.ts, which imports every area's table, so subclasses can extend it without
 * an import cycle.
 */
import type { CanisterErrorCode } from './errors.js';

export class CanisterError extends Error {
  readonly code: CanisterErrorCode;

  constructor(code: CanisterErrorCode, message: string) {
    super(message);
    this.name = 'CanisterError';
    this.code = code;
  }
}
