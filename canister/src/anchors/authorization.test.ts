import { Principal } from '@dfinity/principal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selfAuthenticatingPrincipal } from '../principal.js';
import { authenticate, checkMutationAllowed, isCallerDevice } from './authorization.js';
import { passkey, recoveryPhrase } from './testing/arbitraries.js';
import type { Anchor } from './types.js';

describe('selfAuthenticatingPrincipal', () => {
  it('equals Principal.selfAuthenticating for any key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (pubkey) => {
        expect(selfAuthenticatingPrincipal(pubkey)).toEqual(
          Principal.selfAuthenticating(pubkey).toUint8Array(),
        );
      }),
    );
  });
});

describe('authenticate', () => {
  const a = passkey();
  const b = recoveryPhrase();
  const anchor: Anchor = { number: 10_000n, devices: [a, b] };

  it('returns the device whose key signs the call', () => {
    expect(authenticate(anchor, Principal.selfAuthenticating(b.pubkey))).toEqual({
      ok: true,
      device: b,
    });
    expect(authenticate(anchor, Principal.selfAuthenticating(a.pubkey))).toEqual({
      ok: true,
      device: a,
    });
  });

  it('refuses other principals, including anonymous and canister ids', () => {
    const stranger = passkey();
    for (const caller of [
      Principal.selfAuthenticating(stranger.pubkey),
      Principal.anonymous(),
      Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai'),
    ]) {
      const result = authenticate(anchor, caller);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('Unauthorized');
    }
    expect(isCallerDevice(Principal.anonymous(), a.pubkey)).toBe(false);
  });

  it('a device not (yet) on the anchor, such as a tentative one, does not authenticate', () => {
    const tentative = passkey();
    expect(authenticate({ ...anchor }, Principal.selfAuthenticating(tentative.pubkey)).ok).toBe(
      false,
    );
    expect(
      authenticate({ number: 1n, devices: [] }, Principal.selfAuthenticating(a.pubkey)).ok,
    ).toBe(false);
  });

  it('a principal with the right shape but a different hash does not match', () => {
    const bytes = Principal.selfAuthenticating(a.pubkey).toUint8Array().slice();
    bytes[0] ^= 1;
    expect(authenticate(anchor, Principal.fromUint8Array(bytes)).ok).toBe(false);
  });
});

describe('checkMutationAllowed', () => {
  const locked = recoveryPhrase({ protection: 'protected' });
  const other = passkey();

  it('a protected device can only be changed by itself', () => {
    expect(checkMutationAllowed(locked, other)?.code).toBe('MutationNotAllowed');
    expect(checkMutationAllowed(locked, locked)).toBeUndefined();
  });

  it('unprotected devices can be changed by any device of the anchor', () => {
    expect(checkMutationAllowed(other, locked)).toBeUndefined();
    expect(checkMutationAllowed(recoveryPhrase(), other)).toBeUndefined();
  });
});
