/**
 * Typed errors of the anchor domain. Every expected failure is one of these values (never an
 * exception); `code` is stable for callers and metrics, `message` is for humans (trap text).
 */

export type LimitedField = 'alias' | 'pubkey' | 'credential_id' | 'origin';

export type AnchorError =
  | { code: 'TooManyDevices'; message: string; limit: number; actual: number }
  | { code: 'AliasTooLong'; message: string; limit: number; actual: number }
  | { code: 'PubkeyTooLong'; message: string; limit: number; actual: number }
  | { code: 'CredentialIdTooLong'; message: string; limit: number; actual: number }
  | { code: 'OriginTooLong'; message: string; limit: number; actual: number }
  | { code: 'InvalidAaguid'; message: string; limit: number; actual: number }
  | { code: 'VariableFieldsLimitExceeded'; message: string; limit: number; actual: number }
  | { code: 'MetadataTooDeep'; message: string; limit: number; actual: number }
  | { code: 'TooManyMetadataEntries'; message: string; limit: number; actual: number }
  | { code: 'AnchorTooLarge'; message: string; limit: number; actual: number }
  | { code: 'ReservedMetadataKey'; message: string; key: string }
  | { code: 'DuplicateMetadataKey'; message: string; key: string }
  | { code: 'DuplicateDevice'; message: string }
  | { code: 'InvalidDeviceProtection'; message: string }
  | { code: 'RecoveryPhraseWithCredentialId'; message: string }
  | { code: 'MultipleRecoveryPhrases'; message: string }
  | { code: 'DeviceNotFound'; message: string }
  | { code: 'CannotModifyDeviceKey'; message: string }
  | { code: 'MutationNotAllowed'; message: string };

export type AnchorErrorCode = AnchorError['code'];

/** Narrows the union by code, for tests and callers that switch on one case. */
export type AnchorErrorOf<C extends AnchorErrorCode> = Extract<AnchorError, { code: C }>;

/** What each code means; the anchor domain's share of the canister's error table. */
export const ANCHOR_ERRORS = {
  TooManyDevices: 'the anchor would have more devices than allowed',
  AliasTooLong: 'the alias is longer than allowed',
  PubkeyTooLong: 'the public key is longer than allowed',
  CredentialIdTooLong: 'the credential id is longer than allowed',
  OriginTooLong: 'the origin is longer than allowed',
  InvalidAaguid: 'an AAGUID is 16 bytes',
  VariableFieldsLimitExceeded: "the anchor's variable-length fields exceed their budget",
  MetadataTooDeep: 'the metadata is nested deeper than allowed',
  TooManyMetadataEntries: 'the metadata has more entries than allowed',
  AnchorTooLarge: "the anchor's stored record would exceed its size limit",
  ReservedMetadataKey: 'a metadata key is reserved',
  DuplicateMetadataKey: 'a metadata key appears twice',
  DuplicateDevice: 'a device with this key already exists on the anchor',
  InvalidDeviceProtection: 'only recovery phrases can be protected',
  RecoveryPhraseWithCredentialId: 'a recovery phrase has no credential id',
  MultipleRecoveryPhrases: 'an anchor has at most one recovery phrase',
  DeviceNotFound: 'the anchor has no device with this key',
  CannotModifyDeviceKey: "a device's key cannot be changed",
  MutationNotAllowed: 'a protected device can only be changed by itself',
  InvalidAnchorRange: 'the anchor range is invalid',
  AnchorRangeLoChanged: 'the start of the anchor range cannot change',
  AnchorRangeTooSmall: 'the anchor range would not hold the anchors already registered',
  InvalidRateLimitConfig: 'the register rate limit configuration is invalid',
} as const satisfies Record<
  | AnchorErrorCode
  | 'InvalidAnchorRange'
  | 'AnchorRangeLoChanged'
  | 'AnchorRangeTooSmall'
  | 'InvalidRateLimitConfig',
  string
>;
