import type { DeviceWithUsageT } from '@ii/canister/candid';
import { describe, expect, it } from 'vitest';
import {
  defaultAlias,
  deviceData,
  formatLastUsed,
  parseAnchorInput,
  toDeviceViews,
  withoutUsage,
} from './devices.js';

const device = (alias: string, pubkey: number, extra: Partial<DeviceWithUsageT> = {}) => ({
  ...deviceData({
    alias,
    pubkey: new Uint8Array([pubkey]),
    purpose: 'authentication',
    keyType: 'platform',
  }),
  last_usage: [] as [] | [bigint],
  ...extra,
});

const WORDS = {
  never: 'never',
  now: 'now',
  recovery: 'recovery',
  phrase: 'recovery phrase',
  current: 'this device',
  currentPhrase: 'you logged in with it',
};

describe('toDeviceViews', () => {
  it('lists passkeys before recovery methods and marks the current device', () => {
    const phrase = device('Recovery phrase', 2, {
      purpose: { recovery: null },
      key_type: { seed_phrase: null },
      protection: { protected: null },
    });
    const laptop = device('Laptop', 1, { last_usage: [BigInt(Date.now() - 120_000) * 1_000_000n] });
    const views = toDeviceViews([phrase, laptop], new Uint8Array([1]), Date.now(), WORDS);
    expect(views.map((v) => v.alias)).toEqual(['Laptop', 'Recovery phrase']);
    // The device this session logged in with was used now, whatever the canister recorded
    // (it records use only when a dapp gets a delegation).
    expect(views[0]).toMatchObject({ current: true, recovery: false, lastUsed: 'now' });
    expect(views[1]).toMatchObject({
      current: false,
      recovery: true,
      isPhrase: true,
      locked: true,
    });
    expect(views[1].lastUsed).toBe('never');
    const other = toDeviceViews([laptop], new Uint8Array([9]), Date.now(), WORDS)[0];
    expect(other).toMatchObject({ current: false, lastUsed: '2 minutes ago' });
    expect(other.currentLabel).toBeUndefined();
  });

  it('labels a recovery phrase once, and the phrase used to log in as such (not "this device")', () => {
    const phrase = device('Recovery phrase', 2, {
      purpose: { recovery: null },
      key_type: { seed_phrase: null },
    });
    const [row] = toDeviceViews([phrase], new Uint8Array([2]), Date.now(), WORDS);
    expect(row.kind).toBeUndefined(); // the name says "Recovery phrase" already
    expect(row.currentLabel).toBe('you logged in with it');
    expect(row.lastUsed).toBe('now');
    const named = toDeviceViews([{ ...phrase, alias: 'Backup' }], undefined, Date.now(), WORDS)[0];
    expect(named).toMatchObject({ kind: 'recovery phrase', lastUsed: 'never' });
    expect(named.currentLabel).toBeUndefined();
  });

  it('marks recovery keys as such unless named so, and a current passkey as this device', () => {
    const key = (alias: string) =>
      device(alias, 3, { purpose: { recovery: null }, key_type: { cross_platform: null } });
    const rows = toDeviceViews(
      [key('YubiKey'), key('Recovery security key'), device('Laptop', 1)],
      new Uint8Array([1]),
      Date.now(),
      WORDS,
    );
    expect(rows.map((r) => [r.alias, r.kind, r.currentLabel])).toEqual([
      ['Laptop', undefined, 'this device'],
      ['YubiKey', 'recovery', undefined],
      ['Recovery security key', undefined, undefined],
    ]);
  });
});

describe('formatLastUsed', () => {
  it('rounds to the largest unit', () => {
    const now = 1_700_000_000_000;
    const ago = (ms: number) => BigInt(now - ms) * 1_000_000n;
    expect(formatLastUsed(ago(5_000), now, 'never')).toBe('just now');
    expect(formatLastUsed(ago(3_600_000), now, 'never')).toBe('1 hour ago');
    expect(formatLastUsed(ago(3 * 86_400_000), now, 'never')).toBe('3 days ago');
    expect(formatLastUsed(undefined, now, 'never')).toBe('never');
  });
});

describe('device records', () => {
  it('builds DeviceData and strips usage for update calls', () => {
    const d = deviceData({
      alias: 'Key',
      pubkey: new Uint8Array([9]),
      credentialId: new Uint8Array([7]),
      purpose: 'recovery',
      keyType: 'cross_platform',
    });
    expect(d.purpose).toEqual({ recovery: null });
    expect(d.key_type).toEqual({ cross_platform: null });
    expect(d.credential_id).toEqual([new Uint8Array([7])]);
    expect(withoutUsage({ ...d, last_usage: [1n] })).toEqual(d);
  });
});

describe('inputs', () => {
  it('parses anchors', () => {
    expect(parseAnchorInput(' 10000 ')).toBe(10000n);
    expect(parseAnchorInput('12a')).toBeUndefined();
    expect(parseAnchorInput('18446744073709551616')).toBeUndefined();
  });

  it('names a device after browser and OS', () => {
    expect(
      defaultAlias(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(defaultAlias('')).toBe('My device');
  });
});
