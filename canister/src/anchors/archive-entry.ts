/**
 * An anchor operation as the archive stores it (candid.ts `ArchiveEntry`): the operation with the
 * device data redacted (operation.ts: no alias, metadata by key only), who made it and when.
 */
import type { Principal } from '@dfinity/principal';
import type {
  ArchiveEntryT,
  ArchiveOperationT,
  DeviceDataUpdateT,
  DeviceDataWithoutAliasT,
  KeyTypeT,
} from '../candid.js';
import type { DeviceChanges, Operation, RedactedDevice } from './operation.js';

const opt = <T>(v: T | undefined): [] | [T] => (v === undefined ? [] : [v]);
/** A change of an optional field: absent = unchanged, `[[]]` = removed, `[[v]]` = set. */
const change = <T>(v: T | null | undefined): [] | [[] | [T]] =>
  v === undefined ? [] : v === null ? [[]] : [[v]];

function redacted(d: RedactedDevice): DeviceDataWithoutAliasT {
  return {
    pubkey: d.pubkey,
    credential_id: opt(d.credentialId),
    aaguid: opt(d.aaguid),
    purpose: d.purpose === 'recovery' ? { recovery: null } : { authentication: null },
    key_type: { [d.keyType]: null } as KeyTypeT,
    protection: d.protection === 'protected' ? { protected: null } : { unprotected: null },
    origin: opt(d.origin),
    metadata_keys: opt(d.metadataKeys ? [...d.metadataKeys] : undefined),
  };
}

function changes(c: DeviceChanges): DeviceDataUpdateT {
  return {
    alias: c.alias ? [{ redacted: null }] : [],
    credential_id: change(c.credentialId),
    aaguid: change(c.aaguid),
    purpose: opt(
      c.purpose && (c.purpose === 'recovery' ? { recovery: null } : { authentication: null }),
    ),
    key_type: opt(c.keyType && ({ [c.keyType]: null } as KeyTypeT)),
    protection: opt(
      c.protection && (c.protection === 'protected' ? { protected: null } : { unprotected: null }),
    ),
    origin: change(c.origin),
    metadata_keys: change(c.metadataKeys === null ? null : c.metadataKeys && [...c.metadataKeys]),
  };
}

export function archiveOperation(op: Operation): ArchiveOperationT {
  switch (op.type) {
    case 'register_anchor':
      return { register_anchor: { device: redacted(op.device) } };
    case 'add_device':
      return { add_device: { device: redacted(op.device) } };
    case 'update_device':
      return { update_device: { device: op.device, new_values: changes(op.changes) } };
    case 'replace_device':
      return { replace_device: { old_device: op.oldDevice, new_device: redacted(op.newDevice) } };
    case 'remove_device':
      return { remove_device: { device: op.device } };
    case 'identity_metadata_replace':
      return { identity_metadata_replace: { metadata_keys: [...op.metadataKeys] } };
  }
}

export function archiveEntry(args: {
  anchorNumber: bigint;
  operation: Operation;
  timestamp: bigint;
  caller: Principal;
  sequenceNumber: bigint;
}): ArchiveEntryT {
  return {
    anchor: args.anchorNumber,
    operation: archiveOperation(args.operation),
    timestamp: args.timestamp,
    caller: args.caller,
    sequence_number: args.sequenceNumber,
  };
}
