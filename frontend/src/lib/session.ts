/**
 * The frontend delegation (spec "Identity design"): the passkey signs one delegation to a fresh
 * session key, then every canister call is signed by the session key — one touch per login
 * instead of one per call. The session key is a non-extractable WebCrypto P-256 key.
 */
import type { SignIdentity } from '@dfinity/agent';
import { DelegationChain, DelegationIdentity, ECDSAKeyIdentity } from '@dfinity/identity';

/** 30 minutes, in nanoseconds. */
export const DEFAULT_SESSION_TTL_NS = 30n * 60n * 1_000_000_000n;

/**
 * `sessionKey` may be generated ahead of time (`ECDSAKeyIdentity.generate()`): Safari drops the
 * click's user activation across unrelated awaits, and `device.sign` needs it for WebAuthn.
 */
export async function createSession(
  device: SignIdentity,
  ttlNs: bigint = DEFAULT_SESSION_TTL_NS,
  sessionKey?: ECDSAKeyIdentity,
): Promise<DelegationIdentity> {
  sessionKey ??= await ECDSAKeyIdentity.generate();
  const expiration = new Date(Date.now() + Number(ttlNs / 1_000_000n));
  const chain = await DelegationChain.create(device, sessionKey.getPublicKey(), expiration);
  return DelegationIdentity.fromDelegation(sessionKey, chain);
}
