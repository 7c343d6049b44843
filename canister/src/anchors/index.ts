/** The anchor domain: types, invariants, authorization, mutations, registration mode, rate limit, numbers. */
export * from './types.js';
export type { AnchorError, AnchorErrorCode, AnchorErrorOf } from './errors.js';
export * from './limits.js';
export * from './authorization.js';
export type { DeviceChanges, Operation, RedactedDevice } from './operation.js';
export * from './archive-entry.js';
export * from './operations.js';
export * from './registration-mode.js';
export * from './rate-limit.js';
export * from './anchor-numbers.js';
export * from './authn-methods.js';
