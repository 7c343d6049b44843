/**
 * What an anchor mutation did, for metrics and a future archive (II's archive `Operation`).
 * Aliases are personal data: they are never recorded, only whether they changed.
 */
import { bytesEqual } from '../bytes.js';
import type { Device, KeyType, MetadataMap, Protection, Purpose } from './types.js';

/** A device without its alias, usage and metadata values (only the metadata keys are kept). */
export interface RedactedDevice {
  readonly pubkey: Uint8Array;
  readonly credentialId?: Uint8Array;
  readonly aaguid?: Uint8Array;
  readonly purpose: Purpose;
  readonly keyType: KeyType;
  readonly protection: Protection;
  readonly origin?: string;
  readonly metadataKeys?: readonly string[];
}

/** Only the fields an update changed; `null` = the optional field was removed. */
export interface DeviceChanges {
  alias?: 'redacted';
  credentialId?: Uint8Array | null;
  aaguid?: Uint8Array | null;
  purpose?: Purpose;
  keyType?: KeyType;
  protection?: Protection;
  origin?: string | null;
  metadataKeys?: readonly string[] | null;
}

export type Operation =
  | { readonly type: 'register_anchor'; readonly device: RedactedDevice }
  | { readonly type: 'add_device'; readonly device: RedactedDevice }
  | { readonly type: 'update_device'; readonly device: Uint8Array; readonly changes: DeviceChanges }
  | {
      readonly type: 'replace_device';
      readonly oldDevice: Uint8Array;
      readonly newDevice: RedactedDevice;
    }
  | { readonly type: 'remove_device'; readonly device: Uint8Array }
  | { readonly type: 'identity_metadata_replace'; readonly metadataKeys: readonly string[] };

export function redactDevice(d: Device): RedactedDevice {
  const out: { -readonly [K in keyof RedactedDevice]: RedactedDevice[K] } = {
    pubkey: d.pubkey,
    purpose: d.purpose,
    keyType: d.keyType,
    protection: d.protection,
  };
  if (d.credentialId !== undefined) out.credentialId = d.credentialId;
  if (d.aaguid !== undefined) out.aaguid = d.aaguid;
  if (d.origin !== undefined) out.origin = d.origin;
  if (d.metadata !== undefined) out.metadataKeys = d.metadata.map(([k]) => k);
  return out;
}

function optionalBytesEqual(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return bytesEqual(a, b);
}

function metadataEqual(a: MetadataMap | undefined, b: MetadataMap | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  return a.every(([key, va], i) => {
    const [keyB, vb] = b[i];
    if (key !== keyB || va.kind !== vb.kind) return false;
    if (va.kind === 'map') return metadataEqual(va.value, vb.value as MetadataMap);
    if (va.kind === 'bytes') return bytesEqual(va.value, vb.value as Uint8Array);
    return va.value === vb.value;
  });
}

export function diffDevices(before: Device, after: Device): DeviceChanges {
  const changes: DeviceChanges = {};
  if (before.alias !== after.alias) changes.alias = 'redacted';
  if (!optionalBytesEqual(before.credentialId, after.credentialId)) {
    changes.credentialId = after.credentialId ?? null;
  }
  if (!optionalBytesEqual(before.aaguid, after.aaguid)) changes.aaguid = after.aaguid ?? null;
  if (before.purpose !== after.purpose) changes.purpose = after.purpose;
  if (before.keyType !== after.keyType) changes.keyType = after.keyType;
  if (before.protection !== after.protection) changes.protection = after.protection;
  if (before.origin !== after.origin) changes.origin = after.origin ?? null;
  if (!metadataEqual(before.metadata, after.metadata)) {
    changes.metadataKeys = after.metadata?.map(([k]) => k) ?? null;
  }
  return changes;
}
