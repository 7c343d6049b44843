import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuthnMethodDataT } from '../candid.js';
import {
  authnMethodDataOf,
  authnMethodOf,
  deviceFromAuthnMethod,
  metadataFromV2,
  metadataToV2,
} from './authn-methods.js';
import { RESERVED_METADATA_KEYS } from './limits.js';
import { replaceIdentityMetadata } from './operations.js';
import { anyDeviceArb, metadataValueArb, passkey, recoveryPhrase } from './testing/arbitraries.js';
import type { Device } from './types.js';

/** A device as it is written through the v2 API: no usage, nothing unknown, no reserved key. */
const writableDeviceArb = anyDeviceArb.map((d) => {
  const { lastUsage: _u, ...rest } = d;
  const metadata = d.metadata?.filter(([k]) => !RESERVED_METADATA_KEYS.includes(k));
  return (
    metadata && metadata.length > 0
      ? { ...rest, metadata }
      : (() => {
          const { metadata: _m, ...none } = rest;
          return none;
        })()
  ) as Device;
});

function method(overrides: Partial<AuthnMethodDataT> = {}): AuthnMethodDataT {
  return {
    authn_method: { PubKey: { pubkey: new Uint8Array([1, 2]) } },
    security_settings: { protection: { Unprotected: null }, purpose: { Authentication: null } },
    metadata: [],
    last_authentication: [],
    ...overrides,
  };
}

describe('v2 authentication methods are devices', () => {
  it('every device round-trips through its v2 form (what identity_info shows and add takes)', () => {
    fc.assert(
      fc.property(writableDeviceArb, (device) => {
        const v2 = authnMethodDataOf(device);
        const back = deviceFromAuthnMethod(v2);
        expect(back).toEqual({ ok: true, device });
      }),
    );
  });

  it('show the device fields as String metadata, then the device metadata', () => {
    const d = passkey({
      alias: 'Phone',
      origin: 'https://identity.internetcomputer.org',
      aaguid: new Uint8Array(16).fill(3),
      metadata: [['note', { kind: 'bytes', value: new Uint8Array([9]) }]],
      lastUsage: 5n,
    });
    expect(authnMethodDataOf(d)).toEqual({
      authn_method: {
        WebAuthn: { credential_id: d.credentialId, pubkey: d.pubkey, aaguid: [d.aaguid] },
      },
      security_settings: { protection: { Unprotected: null }, purpose: { Authentication: null } },
      metadata: [
        ['alias', { String: 'Phone' }],
        ['origin', { String: 'https://identity.internetcomputer.org' }],
        ['authenticator_attachment', { String: 'platform' }],
        ['note', { Bytes: new Uint8Array([9]) }],
      ],
      last_authentication: [5n],
    });
    const phrase = recoveryPhrase({ protection: 'protected' });
    expect(authnMethodDataOf(phrase).metadata).toContainEqual([
      'usage',
      { String: 'recovery_phrase' },
    ]);
    expect(authnMethodOf(phrase)).toEqual({ PubKey: { pubkey: phrase.pubkey } });
  });

  it('map the key type from authenticator_attachment or usage, and refuse what is not a device', () => {
    const keyType = (metadata: AuthnMethodDataT['metadata']) => {
      const r = deviceFromAuthnMethod(method({ metadata }));
      return r.ok ? r.device.keyType : r.message;
    };
    expect(keyType([])).toBe('unknown');
    expect(keyType([['authenticator_attachment', { String: 'cross_platform' }]])).toBe(
      'cross_platform',
    );
    expect(keyType([['usage', { String: 'browser_storage_key' }]])).toBe('browser_storage_key');
    expect(
      keyType([
        ['usage', { String: 'recovery_phrase' }],
        ['authenticator_attachment', { String: 'platform' }],
      ]),
    ).toMatch(/both authenticator_attachment and usage/);
    expect(keyType([['usage', { String: 'password' }]])).toMatch(/usage 'password' is not/);
    expect(keyType([['alias', { Bytes: new Uint8Array() }]])).toMatch(/'alias' must hold a String/);
    expect(
      keyType([
        ['alias', { String: 'a' }],
        ['alias', { String: 'b' }],
      ]),
    ).toMatch(/twice/);
    for (const reserved of [
      'pubkey',
      'credential_id',
      'purpose',
      'key_type',
      'protection',
      'metadata',
    ])
      expect(keyType([[reserved, { String: 'x' }]])).toMatch(/is reserved/);
  });

  it('ignore last_authentication, which cannot be written', () => {
    const r = deviceFromAuthnMethod(method({ last_authentication: [7n] }));
    expect(r.ok && r.device.lastUsage).toBe(undefined);
  });

  it('convert metadata maps both ways, nested ones included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), metadataValueArb), { maxLength: 4 }), (map) => {
        expect(metadataFromV2(metadataToV2(map))).toEqual(map);
      }),
    );
  });
});

describe('identity metadata', () => {
  const anchor = { number: 1n, devices: [passkey(), recoveryPhrase()] };

  it('is replaced whole, and an empty map removes it', () => {
    const set = replaceIdentityMetadata(anchor, [['a', { kind: 'string', value: 'x' }]]);
    expect(set.ok && set.anchor.identityMetadata).toEqual([['a', { kind: 'string', value: 'x' }]]);
    expect(set.ok && set.operation).toEqual({
      type: 'identity_metadata_replace',
      metadataKeys: ['a'],
    });
    const cleared = set.ok && replaceIdentityMetadata(set.anchor, []);
    expect(cleared && cleared.ok && 'identityMetadata' in cleared.anchor).toBe(false);
  });

  it('shares the 2,500-byte budget with the devices, and has the device metadata limits', () => {
    const big = replaceIdentityMetadata(anchor, [
      ['k', { kind: 'bytes', value: new Uint8Array(2_400) }],
    ]);
    expect(big).toMatchObject({ ok: false, error: { code: 'VariableFieldsLimitExceeded' } });
    let deep: Parameters<typeof replaceIdentityMetadata>[1] = [
      ['x', { kind: 'string', value: '' }],
    ];
    for (let i = 0; i < 9; i++) deep = [['m', { kind: 'map', value: deep }]];
    expect(replaceIdentityMetadata(anchor, deep)).toMatchObject({
      ok: false,
      error: { code: 'MetadataTooDeep' },
    });
    const twice = replaceIdentityMetadata(anchor, [
      ['k', { kind: 'string', value: '' }],
      ['k', { kind: 'string', value: '' }],
    ]);
    expect(twice).toMatchObject({ ok: false, error: { code: 'DuplicateMetadataKey' } });
  });
});
