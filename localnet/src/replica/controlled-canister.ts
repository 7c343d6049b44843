import type { Principal } from '@dfinity/principal';
import { type Canister, isController } from './canister.js';
import { ReplicaError } from './errors.js';
import type { ManagementHost } from './management-host.js';
import { RejectCode, invalidControllerMessage } from './reject.js';

/** A canister that exists, or the IC's IC0301 reject. */
export function existingCanister(host: ManagementHost, id: Principal): Canister {
  const canister = host.getCanister(id);
  if (!canister)
    throw new ReplicaError(
      `Canister ${id.toText()} not found`,
      RejectCode.DestinationInvalid,
      'IC0301',
    );
  return canister;
}

/**
 * The canister a management method acts on, when it exists and `caller` controls it; otherwise the
 * IC's reject (IC0301, or IC0512 in the replica's words).
 */
export function controlledCanister(
  host: ManagementHost,
  id: Principal,
  caller: Principal,
): Canister {
  const canister = existingCanister(host, id);
  if (!isController(canister, caller))
    throw new ReplicaError(
      invalidControllerMessage(canister, caller),
      RejectCode.CanisterError,
      'IC0512',
    );
  return canister;
}
