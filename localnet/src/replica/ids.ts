import { Principal } from '@dfinity/principal';

/**
 * Canister ids as the IC mints them: an 8-byte big-endian index followed by 0x01 0x01.
 * rdmx6-jaaaa-aaaaa-aaadq-cai (Internet Identity) is index 7.
 */
export function canisterIdFromIndex(index: bigint): Principal {
  const bytes = new Uint8Array(10);
  new DataView(bytes.buffer).setBigUint64(0, index);
  bytes[8] = 1;
  bytes[9] = 1;
  return Principal.fromUint8Array(bytes);
}

/** The index of a canister id, or undefined when the principal is not an opaque canister id. */
export function canisterIndex(id: Principal): bigint | undefined {
  const bytes = id.toUint8Array();
  if (bytes.length !== 10 || bytes[8] !== 1 || bytes[9] !== 1) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0);
}

/** The subnet's canister range: localnet hosts every canister id a single subnet could. */
export const CANISTER_RANGE: [Principal, Principal] = [
  canisterIdFromIndex(0n),
  canisterIdFromIndex(0x00000000_00ffffffn),
];

export function inCanisterRange(id: Principal): boolean {
  const index = canisterIndex(id);
  return index !== undefined && index <= 0x00000000_00ffffffn;
}

export const MANAGEMENT_CANISTER_ID = Principal.managementCanister();

export function isManagementCanister(id: Principal | Uint8Array): boolean {
  const bytes = id instanceof Uint8Array ? id : id.toUint8Array();
  return bytes.length === 0;
}
