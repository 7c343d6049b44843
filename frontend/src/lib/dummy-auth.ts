/**
 * The test flavor's authenticator (src/flavor.ts): instead of a WebAuthn passkey, an Ed25519 key
 * generated in the page and kept in this browser's localStorage under `ii-dummy-auth:<credential
 * id>`, registered as the device's public key. The canister and the network check its signatures
 * like any device's; only the key's safekeeping is fake. Imported only behind `TEST_BUILD`, so the
 * production bundle has none of it (frontend/e2e/flavor.e2e.test.ts checks for the key prefix).
 */
import type { SignIdentity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { bytesEqual, toBase64Url } from './bytes.js';
import { FrontendError } from './errors.js';
import type { StorageLike } from './anchor-storage.js';
import type { CreatedPasskey, PasskeyCredential } from './webauthn/index.js';

export const DUMMY_AUTH_PREFIX = 'ii-dummy-auth:';

function browserStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** A new key, remembered in `storage`, as registration expects a passkey. */
export function createDummyPasskey(
  storage: StorageLike | null = browserStorage(),
): CreatedPasskey & { identity: SignIdentity } {
  // Without storage the identity could never sign in again: say so now, not at the next login.
  if (!storage) throw new FrontendError('unknown', 'dummy auth: no localStorage');
  const identity = Ed25519KeyIdentity.generate();
  const credentialId = crypto.getRandomValues(new Uint8Array(16));
  try {
    storage.setItem(DUMMY_AUTH_PREFIX + toBase64Url(credentialId), JSON.stringify(identity));
  } catch (e) {
    throw new FrontendError('unknown', `dummy auth: cannot store the key: ${String(e)}`);
  }
  return {
    credentialId,
    publicKeyDer: new Uint8Array(identity.getPublicKey().toDer()),
    keyType: 'platform',
    identity,
  };
}

/** The stored key of one of the anchor's credentials whose public key it is. */
export function dummyIdentityFor(
  credentials: readonly PasskeyCredential[],
  storage: StorageLike | null = browserStorage(),
): SignIdentity {
  for (const c of credentials) {
    let text: string | null;
    try {
      text = storage?.getItem(DUMMY_AUTH_PREFIX + toBase64Url(c.credentialId)) ?? null;
    } catch {
      text = null; // storage blocked
    }
    if (text === null) continue;
    let identity: Ed25519KeyIdentity;
    try {
      identity = Ed25519KeyIdentity.fromJSON(text);
    } catch {
      continue; // hand-edited: not a key
    }
    if (bytesEqual(new Uint8Array(identity.getPublicKey().toDer()), new Uint8Array(c.pubkey)))
      return identity;
  }
  throw new FrontendError('passkey_unknown', 'dummy auth: no key of this anchor in this browser');
}
