/**
 * What other packages' tests use from this one: devices for an identity, and the certified-HTTP
 * test helpers (a forged certificate over certified data, and the gateway's verifier).
 */
import type { DeviceDataT } from './candid.js';

export {
  CANISTER_ID,
  NOW_NS,
  forgeCertificate,
  makeRootKey,
  request,
  verify,
} from './http/test-support.js';

interface KeyIdentity {
  getPublicKey(): { toDer(): Uint8Array | ArrayBuffer };
}

/** A device whose key is `identity`'s public key: calls signed by the identity authenticate as it. */
export function deviceFor(
  identity: KeyIdentity,
  overrides: Partial<DeviceDataT> = {},
): DeviceDataT {
  return {
    pubkey: new Uint8Array(identity.getPublicKey().toDer()),
    alias: 'test device',
    credential_id: [new Uint8Array([1, 2, 3, 4])],
    aaguid: [],
    purpose: { authentication: null },
    key_type: { cross_platform: null },
    protection: { unprotected: null },
    origin: ['https://identity.ic0.app'],
    metadata: [],
    ...overrides,
  };
}

/** A recovery phrase device (`seed_phrase`, purpose recovery, no credential id) for `identity`. */
export function recoveryPhraseFor(
  identity: KeyIdentity,
  protection: 'protected' | 'unprotected',
  overrides: Partial<DeviceDataT> = {},
): DeviceDataT {
  return deviceFor(identity, {
    alias: 'recovery phrase',
    credential_id: [],
    purpose: { recovery: null },
    key_type: { seed_phrase: null },
    protection: protection === 'protected' ? { protected: null } : { unprotected: null },
    origin: [],
    ...overrides,
  });
}
