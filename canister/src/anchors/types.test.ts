import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceDataT } from '../candid.js';
import { anyDeviceArb } from './testing/arbitraries.js';
import {
  deviceFromCandid,
  deviceFromCandidWithUsage,
  deviceToCandid,
  deviceToCandidWithUsage,
} from './types.js';

describe('Candid converters', () => {
  it('domain → Candid → domain is the identity (usage included)', () => {
    fc.assert(
      fc.property(anyDeviceArb, (device) => {
        expect(deviceFromCandidWithUsage(deviceToCandidWithUsage(device))).toStrictEqual(device);
      }),
    );
  });

  it('DeviceData drops last usage, and the domain device gets none from it', () => {
    fc.assert(
      fc.property(anyDeviceArb, (device) => {
        const back = deviceFromCandid(deviceToCandid(device));
        const { lastUsage: _ignored, ...rest } = device;
        expect(back).toStrictEqual(rest);
        expect('last_usage' in deviceToCandid(device)).toBe(false);
      }),
    );
  });

  it('maps every variant and option explicitly', () => {
    const candid: DeviceDataT = {
      pubkey: new Uint8Array([1]),
      alias: 'a',
      credential_id: [new Uint8Array([2])],
      aaguid: [new Uint8Array(16).fill(4)],
      purpose: { recovery: null },
      key_type: { seed_phrase: null },
      protection: { protected: null },
      origin: ['https://identity.ic0.app'],
      metadata: [[['k', { map: [['n', { bytes: new Uint8Array([3]) }]] }]]],
    };
    expect(deviceFromCandid(candid)).toStrictEqual({
      pubkey: new Uint8Array([1]),
      alias: 'a',
      credentialId: new Uint8Array([2]),
      aaguid: new Uint8Array(16).fill(4),
      purpose: 'recovery',
      keyType: 'seed_phrase',
      protection: 'protected',
      origin: 'https://identity.ic0.app',
      metadata: [
        ['k', { kind: 'map', value: [['n', { kind: 'bytes', value: new Uint8Array([3]) }]] }],
      ],
    });
    expect(deviceToCandid(deviceFromCandid(candid))).toStrictEqual(candid);
    // An empty metadata map is not the same as no metadata.
    expect(deviceFromCandid({ ...candid, metadata: [[]] }).metadata).toStrictEqual([]);
    expect(deviceFromCandid({ ...candid, metadata: [] }).metadata).toBeUndefined();
  });
});
