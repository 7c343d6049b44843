/**
 * Who may act on an anchor: the caller must be the self-authenticating principal
 * (SHA-224(DER pubkey) ‖ 0x02) of one of the anchor's devices. Tentative devices live in
 * registration-mode state, not in `anchor.devices`, so they never authenticate.
 */
import type { Principal } from '@dfinity/principal';
import { bytesEqual, toHex } from '../bytes.js';
import {
  SELF_AUTHENTICATING_LENGTH,
  SELF_AUTHENTICATING_TAG,
  selfAuthenticatingPrincipal,
} from '../principal.js';
import type { AnchorError } from './errors.js';
import type { Anchor, Device } from './types.js';

/** Only the bytes are needed, so any Principal implementation (Azle's or @dfinity's) fits. */
export type Caller = Pick<Principal, 'toUint8Array'>;

export type UnauthorizedError = { code: 'Unauthorized'; message: string };

export type AuthenticationResult =
  { ok: true; device: Device } | { ok: false; error: UnauthorizedError };

/** True iff `caller` is the self-authenticating principal of `pubkey`. */
export function isCallerDevice(caller: Caller, pubkey: Uint8Array): boolean {
  const bytes = caller.toUint8Array();
  // Cheap pre-check: anonymous, canister and delegated-opaque principals can never match, so
  // they cost no hashing (hashing is what is slow inside the canister).
  if (bytes.length !== SELF_AUTHENTICATING_LENGTH) return false;
  if (bytes[SELF_AUTHENTICATING_LENGTH - 1] !== SELF_AUTHENTICATING_TAG) return false;
  return bytesEqual(bytes, selfAuthenticatingPrincipal(pubkey));
}

/**
 * Returns the anchor device the caller signs with. One SHA-224 per device at most (≤ 10),
 * stopping at the first match; nothing is cached across calls.
 */
export function authenticate(anchor: Anchor, caller: Caller): AuthenticationResult {
  for (const device of anchor.devices) {
    if (isCallerDevice(caller, device.pubkey)) return { ok: true, device };
  }
  return {
    ok: false,
    error: {
      code: 'Unauthorized',
      message: `${toHex(caller.toUint8Array())} could not be authenticated for anchor ${anchor.number}`,
    },
  };
}

/**
 * The protected-device rule: a protected device may be changed only by itself. `actor` is the
 * device `authenticate` returned; comparing keys avoids hashing again.
 */
export function checkMutationAllowed(target: Device, actor: Device): AnchorError | undefined {
  if (target.protection !== 'protected') return undefined;
  if (bytesEqual(target.pubkey, actor.pubkey)) return undefined;
  return {
    code: 'MutationNotAllowed',
    message: `device ${toHex(target.pubkey)} is protected: only that device itself can change or remove it`,
  };
}
