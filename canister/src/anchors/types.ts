/**
 * The anchor domain model and its converters from/to the Candid types of `candid.ts`.
 * Plain data (no classes) so values survive stable-memory codecs and test equality unchanged.
 */
import type {
  DeviceDataT,
  DeviceProtectionT,
  DeviceWithUsageT,
  KeyTypeT,
  MetadataMapT,
  MetadataValueT as CandidMetadataValue,
  PurposeT,
} from '../candid.js';
import { boundedMetadata } from './limits.js';

export type Purpose = 'authentication' | 'recovery';
export type KeyType =
  'unknown' | 'platform' | 'cross_platform' | 'seed_phrase' | 'browser_storage_key';
export type Protection = 'protected' | 'unprotected';

export const PURPOSES: readonly Purpose[] = ['authentication', 'recovery'];
export const KEY_TYPES: readonly KeyType[] = [
  'unknown',
  'platform',
  'cross_platform',
  'seed_phrase',
  'browser_storage_key',
];
export const PROTECTIONS: readonly Protection[] = ['unprotected', 'protected'];

export type MetadataValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bytes'; readonly value: Uint8Array }
  | { readonly kind: 'map'; readonly value: MetadataMap };
/** Ordered like the Candid `vec record {text; …}` it came from; duplicate keys are refused by validation. */
export type MetadataMap = ReadonlyArray<readonly [string, MetadataValue]>;

export interface Device {
  readonly pubkey: Uint8Array;
  readonly alias: string;
  readonly credentialId?: Uint8Array;
  /** The authenticator's AAGUID (WebAuthn attestation, 16 bytes); record version 3 and later. */
  readonly aaguid?: Uint8Array;
  readonly purpose: Purpose;
  readonly keyType: KeyType;
  readonly protection: Protection;
  readonly origin?: string;
  /** Nanoseconds since the epoch of the last authenticated call made with this device. */
  readonly lastUsage?: bigint;
  /** `undefined` and `[]` differ on the wire (`null` vs `opt vec {}`), so both are kept. */
  readonly metadata?: MetadataMap;
  /**
   * Fields a newer build wrote that this build does not understand, kept verbatim (already
   * encoded) so that reading and rewriting a record after a downgrade does not drop them.
   */
  readonly unknownFields?: readonly Uint8Array[];
}

export interface Anchor {
  readonly number: bigint;
  readonly devices: readonly Device[];
  /** Record version 2 field (see storage/record-version.ts); not exposed by any API. */
  readonly name?: string;
  /**
   * The identity's own metadata, independent of its devices (the v2 API's `IdentityInfo.metadata`,
   * written by `identity_metadata_replace`); record version 3 and later.
   */
  readonly identityMetadata?: MetadataMap;
  /** As on `Device`: opaque fields from a newer build, rewritten unchanged. */
  readonly unknownFields?: readonly Uint8Array[];
}

function purposeFromCandid(p: PurposeT): Purpose {
  return 'recovery' in p ? 'recovery' : 'authentication';
}

function keyTypeFromCandid(k: KeyTypeT): KeyType {
  if ('platform' in k) return 'platform';
  if ('cross_platform' in k) return 'cross_platform';
  if ('seed_phrase' in k) return 'seed_phrase';
  if ('browser_storage_key' in k) return 'browser_storage_key';
  return 'unknown';
}

function protectionFromCandid(p: DeviceProtectionT): Protection {
  return 'protected' in p ? 'protected' : 'unprotected';
}

function metadataFromCandid(map: MetadataMapT): MetadataMap {
  return map.map(([key, value]) => [key, metadataValueFromCandid(value)] as const);
}

function metadataValueFromCandid(v: CandidMetadataValue): MetadataValue {
  if ('string' in v) return { kind: 'string', value: v.string };
  if ('bytes' in v) return { kind: 'bytes', value: v.bytes };
  return { kind: 'map', value: metadataFromCandid(v.map) };
}

function metadataToCandid(map: MetadataMap): MetadataMapT {
  return map.map(([key, value]): [string, CandidMetadataValue] => [
    key,
    value.kind === 'string'
      ? { string: value.value }
      : value.kind === 'bytes'
        ? { bytes: value.value }
        : { map: metadataToCandid(value.value) },
  ]);
}

/** A device as received from a caller: no usage yet, nothing unknown. */
export function deviceFromCandid(d: DeviceDataT): Device {
  const device: {
    -readonly [K in keyof Device]: Device[K];
  } = {
    pubkey: d.pubkey,
    alias: d.alias,
    purpose: purposeFromCandid(d.purpose),
    keyType: keyTypeFromCandid(d.key_type),
    protection: protectionFromCandid(d.protection),
  };
  if (d.credential_id.length === 1) device.credentialId = d.credential_id[0];
  if (d.aaguid.length === 1) device.aaguid = d.aaguid[0];
  if (d.origin.length === 1) device.origin = d.origin[0];
  if (d.metadata.length === 1) device.metadata = metadataFromCandid(d.metadata[0]);
  return device;
}

export function deviceToCandid(d: Device): DeviceDataT {
  return {
    pubkey: d.pubkey,
    alias: d.alias,
    credential_id: d.credentialId === undefined ? [] : [d.credentialId],
    aaguid: d.aaguid === undefined ? [] : [d.aaguid],
    purpose: d.purpose === 'recovery' ? { recovery: null } : { authentication: null },
    key_type: { [d.keyType]: null } as KeyTypeT,
    protection: d.protection === 'protected' ? { protected: null } : { unprotected: null },
    origin: d.origin === undefined ? [] : [d.origin],
    // Bounded: metadata stored before the depth limit existed must not make a reply unencodable.
    metadata: d.metadata === undefined ? [] : [metadataToCandid(boundedMetadata(d.metadata))],
  };
}

export function deviceToCandidWithUsage(d: Device): DeviceWithUsageT {
  return { ...deviceToCandid(d), last_usage: d.lastUsage === undefined ? [] : [d.lastUsage] };
}

export function deviceFromCandidWithUsage(d: DeviceWithUsageT): Device {
  const device = deviceFromCandid(d);
  return d.last_usage.length === 1 ? { ...device, lastUsage: d.last_usage[0] } : device;
}
