/**
 * Self-authenticating principals (interface spec "Principals"): SHA-224 of a DER public key
 * followed by the tag 0x02, 29 bytes. Devices authenticate by it; user principals are it too.
 */
import { sha224 } from './certification/sha256.js';

export const SELF_AUTHENTICATING_TAG = 0x02;
export const SELF_AUTHENTICATING_LENGTH = 29;

export function selfAuthenticatingPrincipal(der: Uint8Array): Uint8Array {
  const out = new Uint8Array(SELF_AUTHENTICATING_LENGTH);
  out.set(sha224(der), 0);
  out[SELF_AUTHENTICATING_LENGTH - 1] = SELF_AUTHENTICATING_TAG;
  return out;
}
