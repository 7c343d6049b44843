/**
 * Pure anchor mutations (the counterpart of II's `anchor_management`). Each takes the loaded
 * anchor and returns either a typed error, with the input untouched, or the new anchor plus
 * the `Operation` it performed; the caller persists the anchor and records the operation.
 * The whole new state is validated before it is returned, so there is never a half-applied change.
 */
import { checkMutationAllowed } from './authorization.js';
import { bytesEqual, toHex } from '../bytes.js';
import type { AnchorError } from './errors.js';
import {
  identityMetadataLength,
  validateDevice,
  validateDevices,
  validateIdentityMetadata,
} from './limits.js';
import { diffDevices, type Operation, redactDevice } from './operation.js';
import type { Anchor, Device, MetadataMap } from './types.js';

export type OperationResult =
  { ok: true; anchor: Anchor; operation: Operation } | { ok: false; error: AnchorError };

const fail = (error: AnchorError): OperationResult => ({ ok: false, error });

/** A device as it enters an anchor: whatever the input said, it has no usage and no foreign fields. */
function fresh(device: Device): Device {
  const { lastUsage: _usage, unknownFields: _unknown, ...rest } = device;
  return rest;
}

function findDevice(anchor: Anchor, key: Uint8Array): number | AnchorError {
  const index = anchor.devices.findIndex((d) => bytesEqual(d.pubkey, key));
  if (index >= 0) return index;
  return {
    code: 'DeviceNotFound',
    message: `anchor ${anchor.number} has no device with key ${toHex(key)}`,
  };
}

function withDevices(anchor: Anchor, devices: readonly Device[]): Anchor {
  return { ...anchor, devices };
}

/** The record of a brand-new anchor with its first device. */
export function registerAnchor(number: bigint, device: Device): OperationResult {
  const first = fresh(device);
  const error = validateDevice(first) ?? validateDevices([first]);
  if (error) return fail(error);
  return {
    ok: true,
    anchor: { number, devices: [first] },
    operation: { type: 'register_anchor', device: redactDevice(first) },
  };
}

export function addDevice(anchor: Anchor, device: Device): OperationResult {
  const added = fresh(device);
  if (anchor.devices.some((d) => bytesEqual(d.pubkey, added.pubkey))) {
    return fail({
      code: 'DuplicateDevice',
      message: `a device with key ${toHex(added.pubkey)} already exists on anchor ${anchor.number}`,
    });
  }
  const devices = [...anchor.devices, added];
  const error =
    validateDevice(added) ??
    validateDevices(devices, identityMetadataLength(anchor.identityMetadata));
  if (error) return fail(error);
  return {
    ok: true,
    anchor: withDevices(anchor, devices),
    operation: { type: 'add_device', device: redactDevice(added) },
  };
}

/**
 * Changes a device's data in place. The key cannot change (that is `replaceDevice`); last usage
 * and fields unknown to this build are kept, as II's `apply_device_data` keeps what DeviceData
 * does not carry.
 */
export function updateDevice(
  anchor: Anchor,
  key: Uint8Array,
  device: Device,
  actor: Device,
): OperationResult {
  if (!bytesEqual(key, device.pubkey)) {
    return fail({
      code: 'CannotModifyDeviceKey',
      message: 'the device key cannot be updated; use replace',
    });
  }
  const deviceError = validateDevice(device);
  if (deviceError) return fail(deviceError);
  const index = findDevice(anchor, key);
  if (typeof index !== 'number') return fail(index);
  const existing = anchor.devices[index];
  const mutationError = checkMutationAllowed(existing, actor);
  if (mutationError) return fail(mutationError);

  const next: { -readonly [K in keyof Device]: Device[K] } = fresh(device);
  if (existing.lastUsage !== undefined) next.lastUsage = existing.lastUsage;
  if (existing.unknownFields !== undefined) next.unknownFields = existing.unknownFields;

  const devices = anchor.devices.map((d, i) => (i === index ? next : d));
  const error = validateDevices(devices, identityMetadataLength(anchor.identityMetadata));
  if (error) return fail(error);
  return {
    ok: true,
    anchor: withDevices(anchor, devices),
    operation: { type: 'update_device', device: key, changes: diffDevices(existing, next) },
  };
}

/** Swaps a device for a new one (new key allowed) at the same position; the new one starts unused. */
export function replaceDevice(
  anchor: Anchor,
  key: Uint8Array,
  device: Device,
  actor: Device,
): OperationResult {
  const index = findDevice(anchor, key);
  if (typeof index !== 'number') return fail(index);
  const mutationError = checkMutationAllowed(anchor.devices[index], actor);
  if (mutationError) return fail(mutationError);
  const replacement = fresh(device);
  if (anchor.devices.some((d, i) => i !== index && bytesEqual(d.pubkey, replacement.pubkey))) {
    return fail({
      code: 'DuplicateDevice',
      message: `a device with key ${toHex(replacement.pubkey)} already exists on anchor ${anchor.number}`,
    });
  }
  const devices = anchor.devices.map((d, i) => (i === index ? replacement : d));
  const error =
    validateDevice(replacement) ??
    validateDevices(devices, identityMetadataLength(anchor.identityMetadata));
  if (error) return fail(error);
  return {
    ok: true,
    anchor: withDevices(anchor, devices),
    operation: { type: 'replace_device', oldDevice: key, newDevice: redactDevice(replacement) },
  };
}

/**
 * Removes a device (also the caller's own, also the last one: the spec allows both). Anchor-wide
 * rules are not re-checked, so a legacy anchor that breaks one can always shed devices.
 */
export function removeDevice(anchor: Anchor, key: Uint8Array, actor: Device): OperationResult {
  const index = findDevice(anchor, key);
  if (typeof index !== 'number') return fail(index);
  const mutationError = checkMutationAllowed(anchor.devices[index], actor);
  if (mutationError) return fail(mutationError);
  return {
    ok: true,
    anchor: withDevices(
      anchor,
      anchor.devices.filter((_, i) => i !== index),
    ),
    operation: { type: 'remove_device', device: key },
  };
}

/**
 * Replaces the identity's own metadata (v2 `identity_metadata_replace`). It shares the anchor's
 * variable-field budget with the devices; an empty map removes it.
 */
export function replaceIdentityMetadata(anchor: Anchor, metadata: MetadataMap): OperationResult {
  const error =
    validateIdentityMetadata(metadata) ??
    validateDevices(anchor.devices, identityMetadataLength(metadata));
  if (error) return fail(error);
  const { identityMetadata: _old, ...rest } = anchor;
  return {
    ok: true,
    anchor: metadata.length === 0 ? rest : { ...rest, identityMetadata: metadata },
    operation: { type: 'identity_metadata_replace', metadataKeys: metadata.map(([k]) => k) },
  };
}

/**
 * Records that `key` was just used (bookkeeping, not an archived operation). Returns `undefined`
 * when the anchor has no such device, so the caller can skip the write.
 */
export function recordDeviceUsage(
  anchor: Anchor,
  key: Uint8Array,
  now: bigint,
): Anchor | undefined {
  const index = anchor.devices.findIndex((d) => bytesEqual(d.pubkey, key));
  if (index < 0) return undefined;
  return withDevices(
    anchor,
    anchor.devices.map((d, i) => (i === index ? { ...d, lastUsage: now } : d)),
  );
}
