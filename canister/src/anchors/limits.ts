/**
 * Device and anchor invariants (the limits of the official II's `storage/anchor.rs`,
 * github.com/dfinity/internet-identity). Validators return the first violated rule or `undefined`;
 * they never mutate, so callers validate the complete new state before persisting anything.
 */
import { bytesEqual, toHex, utf8ByteLength } from '../bytes.js';
import type { AnchorError } from './errors.js';
import type { Device, MetadataMap, MetadataValue } from './types.js';

export const MAX_DEVICES_PER_ANCHOR = 10;
export const ALIAS_MAX_BYTES = 64;
export const PUBKEY_MAX_BYTES = 300;
export const CREDENTIAL_ID_MAX_BYTES = 350;
export const ORIGIN_MAX_BYTES = 50;
/** Sum over all devices of an anchor; keeps room in the record for future fields (II: 2500). */
export const VARIABLE_FIELDS_MAX_BYTES = 2500;

/** Keys II uses (or used) for device fields; refused so metadata cannot shadow them. */
export const RESERVED_METADATA_KEYS: readonly string[] = [
  'pubkey',
  'alias',
  'credential_id',
  'purpose',
  'key_type',
  'protection',
  'origin',
  'last_usage_timestamp',
  'metadata',
  'usage',
  'authenticator_attachment',
];

function metadataValueLength(value: MetadataValue): number {
  switch (value.kind) {
    case 'string':
      return utf8ByteLength(value.value);
    case 'bytes':
      return value.value.length;
    case 'map':
      return metadataLength(value.value);
  }
}

/** Bytes of all keys and leaf values, recursively (as II's `metadata_len`). */
export function metadataLength(map: MetadataMap): number {
  let n = 0;
  for (const [key, value] of map) n += utf8ByteLength(key) + metadataValueLength(value);
  return n;
}

/** The device's share of the anchor's variable-length budget. */
export function variableFieldsLength(device: Device): number {
  return (
    utf8ByteLength(device.alias) +
    device.pubkey.length +
    (device.credentialId?.length ?? 0) +
    (device.origin === undefined ? 0 : utf8ByteLength(device.origin)) +
    (device.metadata === undefined ? 0 : metadataLength(device.metadata))
  );
}

function tooLong(
  code: 'AliasTooLong' | 'PubkeyTooLong' | 'CredentialIdTooLong' | 'OriginTooLong',
  field: string,
  actual: number,
  limit: number,
): AnchorError {
  return {
    code,
    message: `${field} is ${actual} bytes long, the limit is ${limit} bytes`,
    limit,
    actual,
  };
}

function findDuplicateKey(map: MetadataMap): string | undefined {
  const seen = new Set<string>();
  for (const [key, value] of map) {
    if (seen.has(key)) return key;
    seen.add(key);
    if (value.kind === 'map') {
      const nested = findDuplicateKey(value.value);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

/** Rules that concern one device alone. */
export function validateDevice(device: Device): AnchorError | undefined {
  const alias = utf8ByteLength(device.alias);
  if (alias > ALIAS_MAX_BYTES) return tooLong('AliasTooLong', 'alias', alias, ALIAS_MAX_BYTES);
  if (device.pubkey.length > PUBKEY_MAX_BYTES) {
    return tooLong('PubkeyTooLong', 'pubkey', device.pubkey.length, PUBKEY_MAX_BYTES);
  }
  const credentialId = device.credentialId?.length ?? 0;
  if (credentialId > CREDENTIAL_ID_MAX_BYTES) {
    return tooLong('CredentialIdTooLong', 'credential_id', credentialId, CREDENTIAL_ID_MAX_BYTES);
  }
  const origin = device.origin === undefined ? 0 : utf8ByteLength(device.origin);
  if (origin > ORIGIN_MAX_BYTES)
    return tooLong('OriginTooLong', 'origin', origin, ORIGIN_MAX_BYTES);

  if (device.metadata !== undefined) {
    // Only top-level keys are reserved: nested maps are the device's own namespace (as in II).
    for (const [key] of device.metadata) {
      if (RESERVED_METADATA_KEYS.includes(key)) {
        return { code: 'ReservedMetadataKey', message: `metadata key '${key}' is reserved`, key };
      }
    }
    const duplicate = findDuplicateKey(device.metadata);
    if (duplicate !== undefined) {
      return {
        code: 'DuplicateMetadataKey',
        message: `metadata key '${duplicate}' appears more than once`,
        key: duplicate,
      };
    }
  }

  if (device.keyType === 'seed_phrase' && device.credentialId !== undefined) {
    return {
      code: 'RecoveryPhraseWithCredentialId',
      message: 'a device with key type seed_phrase must not have a credential id',
    };
  }
  if (device.protection === 'protected' && device.keyType !== 'seed_phrase') {
    return {
      code: 'InvalidDeviceProtection',
      message: `only recovery phrases can be protected, but the key type is ${device.keyType}`,
    };
  }
  return undefined;
}

/**
 * Rules over the whole device list of an anchor. Not checked on removal: legacy anchors may
 * violate a newer rule, and removing a device must stay possible to bring them back in line.
 */
export function validateDevices(devices: readonly Device[]): AnchorError | undefined {
  if (devices.length > MAX_DEVICES_PER_ANCHOR) {
    return {
      code: 'TooManyDevices',
      message: `an anchor can have at most ${MAX_DEVICES_PER_ANCHOR} devices, this change makes ${devices.length}`,
      limit: MAX_DEVICES_PER_ANCHOR,
      actual: devices.length,
    };
  }
  let total = 0;
  for (const d of devices) total += variableFieldsLength(d);
  if (total > VARIABLE_FIELDS_MAX_BYTES) {
    return {
      code: 'VariableFieldsLimitExceeded',
      message: `the variable-length fields of all devices add up to ${total} bytes, the limit is ${VARIABLE_FIELDS_MAX_BYTES}`,
      limit: VARIABLE_FIELDS_MAX_BYTES,
      actual: total,
    };
  }
  for (let i = 0; i < devices.length; i++) {
    for (let j = i + 1; j < devices.length; j++) {
      if (bytesEqual(devices[i].pubkey, devices[j].pubkey)) {
        return {
          code: 'DuplicateDevice',
          message: `a device with key ${toHex(devices[i].pubkey)} already exists on this anchor`,
        };
      }
    }
  }
  if (devices.filter((d) => d.keyType === 'seed_phrase').length > 1) {
    return {
      code: 'MultipleRecoveryPhrases',
      message: 'there is already a recovery phrase and only one is allowed',
    };
  }
  return undefined;
}
