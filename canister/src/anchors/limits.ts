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
/** A WebAuthn AAGUID is exactly 16 bytes (WebAuthn §6.5.1, "aaguid"). */
export const AAGUID_BYTES = 16;
/** Sum over all devices of an anchor; keeps room in the record for future fields (II: 2500). */
export const VARIABLE_FIELDS_MAX_BYTES = 2500;
/**
 * Nesting of a device's metadata: a top-level entry is level 1, an entry of a map inside it level
 * 2. The official II's frontend writes flat string entries; 8 levels leave room for any structured
 * use while keeping every reply far below the depth at which encoding runs out of stack (~175).
 */
export const METADATA_MAX_DEPTH = 8;
/**
 * Entries of a device's metadata, nested ones included. Entries with empty keys and values cost no
 * variable-field bytes, so without this bound one device could hold thousands of them.
 */
export const METADATA_MAX_ENTRIES = 64;
/**
 * An anchor's stored record, encoded: the official II's per-anchor record limit (4 KiB). With the
 * limits above a valid anchor stays under it; it is the last guard for whatever they miss.
 */
export const ANCHOR_RECORD_MAX_BYTES = 4096;

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

interface MetadataShape {
  depth: number;
  entries: number;
  duplicateKey?: string;
}

/**
 * Depth, entry count and the first duplicate key of a metadata map, walked without recursion and
 * stopping as soon as a limit is passed, so no input can make the walk deep or long.
 */
export function metadataShape(map: MetadataMap): MetadataShape {
  const shape: MetadataShape = { depth: 0, entries: 0 };
  const pending: Array<{ map: MetadataMap; depth: number }> = [{ map, depth: 1 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.map.length > 0) shape.depth = Math.max(shape.depth, next.depth);
    shape.entries += next.map.length;
    if (shape.depth > METADATA_MAX_DEPTH || shape.entries > METADATA_MAX_ENTRIES) return shape;
    const seen = new Set<string>();
    for (const [key, value] of next.map) {
      if (seen.has(key) && shape.duplicateKey === undefined) shape.duplicateKey = key;
      seen.add(key);
      if (value.kind === 'map') pending.push({ map: value.value, depth: next.depth + 1 });
    }
  }
  return shape;
}

/**
 * `map` cut at `maxDepth`: maps below it are replaced by empty maps. How a reply shows metadata
 * stored before the depth limit existed, so that reading such a device always works (the owner can
 * then see and remove or rewrite it).
 */
export function boundedMetadata(map: MetadataMap, maxDepth = METADATA_MAX_DEPTH): MetadataMap {
  const cut = (m: MetadataMap, depth: number): MetadataMap =>
    m.map(([key, value]) => [
      key,
      value.kind !== 'map'
        ? value
        : { kind: 'map', value: depth >= maxDepth ? [] : cut(value.value, depth + 1) },
    ]);
  return cut(map, 1);
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
  if (device.aaguid !== undefined && device.aaguid.length !== AAGUID_BYTES) {
    return {
      code: 'InvalidAaguid',
      message: `an AAGUID is ${AAGUID_BYTES} bytes, this one is ${device.aaguid.length}`,
      limit: AAGUID_BYTES,
      actual: device.aaguid.length,
    };
  }

  if (device.metadata !== undefined) {
    // Only top-level keys are reserved: nested maps are the device's own namespace (as in II).
    for (const [key] of device.metadata) {
      if (RESERVED_METADATA_KEYS.includes(key)) {
        return { code: 'ReservedMetadataKey', message: `metadata key '${key}' is reserved`, key };
      }
    }
    const shape = metadataShape(device.metadata);
    if (shape.depth > METADATA_MAX_DEPTH) {
      return {
        code: 'MetadataTooDeep',
        message: `metadata is nested more than ${METADATA_MAX_DEPTH} levels deep`,
        limit: METADATA_MAX_DEPTH,
        actual: shape.depth,
      };
    }
    if (shape.entries > METADATA_MAX_ENTRIES) {
      return {
        code: 'TooManyMetadataEntries',
        message: `metadata has more than ${METADATA_MAX_ENTRIES} entries`,
        limit: METADATA_MAX_ENTRIES,
        actual: shape.entries,
      };
    }
    if (shape.duplicateKey !== undefined) {
      return {
        code: 'DuplicateMetadataKey',
        message: `metadata key '${shape.duplicateKey}' appears more than once`,
        key: shape.duplicateKey,
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

/** What an anchor's identity metadata spends of the variable-field budget. */
export function identityMetadataLength(identityMetadata: MetadataMap | undefined): number {
  return identityMetadata === undefined ? 0 : metadataLength(identityMetadata);
}

/**
 * The identity metadata's own rules: nesting, entry count and duplicate keys as for device
 * metadata (no reserved keys: the map is the identity's alone); its size is checked with the
 * devices' (`validateDevices`).
 */
export function validateIdentityMetadata(metadata: MetadataMap): AnchorError | undefined {
  const shape = metadataShape(metadata);
  if (shape.depth > METADATA_MAX_DEPTH) {
    return {
      code: 'MetadataTooDeep',
      message: `identity metadata is nested more than ${METADATA_MAX_DEPTH} levels deep`,
      limit: METADATA_MAX_DEPTH,
      actual: shape.depth,
    };
  }
  if (shape.entries > METADATA_MAX_ENTRIES) {
    return {
      code: 'TooManyMetadataEntries',
      message: `identity metadata has more than ${METADATA_MAX_ENTRIES} entries`,
      limit: METADATA_MAX_ENTRIES,
      actual: shape.entries,
    };
  }
  if (shape.duplicateKey !== undefined) {
    return {
      code: 'DuplicateMetadataKey',
      message: `identity metadata key '${shape.duplicateKey}' appears more than once`,
      key: shape.duplicateKey,
    };
  }
  return undefined;
}

/** The record-size rule, checked where the record is encoded (the service, before writing). */
export function validateRecordSize(encodedBytes: number): AnchorError | undefined {
  if (encodedBytes <= ANCHOR_RECORD_MAX_BYTES) return undefined;
  return {
    code: 'AnchorTooLarge',
    message: `the anchor's record would be ${encodedBytes} bytes, the limit is ${ANCHOR_RECORD_MAX_BYTES}`,
    limit: ANCHOR_RECORD_MAX_BYTES,
    actual: encodedBytes,
  };
}

/**
 * Rules over the whole device list of an anchor. Not checked on removal: legacy anchors may
 * violate a newer rule, and removing a device must stay possible to bring them back in line.
 * `otherVariableBytes` is what else the anchor spends of the variable-field budget: its identity
 * metadata (as in II, devices and identity metadata share the 2,500 bytes).
 */
export function validateDevices(
  devices: readonly Device[],
  otherVariableBytes = 0,
): AnchorError | undefined {
  if (devices.length > MAX_DEVICES_PER_ANCHOR) {
    return {
      code: 'TooManyDevices',
      message: `an anchor can have at most ${MAX_DEVICES_PER_ANCHOR} devices, this change makes ${devices.length}`,
      limit: MAX_DEVICES_PER_ANCHOR,
      actual: devices.length,
    };
  }
  let total = otherVariableBytes;
  for (const d of devices) total += variableFieldsLength(d);
  if (total > VARIABLE_FIELDS_MAX_BYTES) {
    return {
      code: 'VariableFieldsLimitExceeded',
      message: `the variable-length fields of all devices${otherVariableBytes > 0 ? ' and the identity metadata' : ''} add up to ${total} bytes, the limit is ${VARIABLE_FIELDS_MAX_BYTES}`,
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
