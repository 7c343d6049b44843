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
