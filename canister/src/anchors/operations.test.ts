import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDevice,
  type OperationResult,
  recordDeviceUsage,
  registerAnchor,
  removeDevice,
  replaceDevice,
  updateDevice,
} from './operations.js';
import { passkey, recoveryPhrase, validDeviceArb } from './testing/arbitraries.js';
import type { Anchor, Device } from './types.js';

function ok(result: OperationResult) {
  if (!result.ok)
    throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result;
}
function errorCode(result: OperationResult) {
  return result.ok ? 'ok' : result.error.code;
}
/** Deep-frozen copy check: operations must never mutate their input. */
function snapshot(anchor: Anchor) {
  return JSON.stringify(anchor, (_k, v) =>
    typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Array.from(v) : v,
  );
}

const main = passkey({ lastUsage: 5n });
const anchorOf = (...devices: Device[]): Anchor => ({ number: 10_000n, devices });

describe('registerAnchor', () => {
  it('creates an anchor with one fresh device', () => {
    const { anchor, operation } = ok(registerAnchor(10_001n, { ...main, lastUsage: 99n }));
    expect(anchor.number).toBe(10_001n);
    expect(anchor.devices).toHaveLength(1);
    expect(anchor.devices[0].lastUsage).toBeUndefined();
    expect(operation).toMatchObject({ type: 'register_anchor', device: { pubkey: main.pubkey } });
    expect(JSON.stringify(operation, (_k, v) => (v instanceof Uint8Array ? [] : v))).not.toContain(
      main.alias,
    );
  });

  it('refuses an invalid first device', () => {
    expect(errorCode(registerAnchor(1n, passkey({ protection: 'protected' })))).toBe(
      'InvalidDeviceProtection',
    );
  });
});

describe('addDevice', () => {
  it('appends a device and redacts the alias in the operation', () => {
    const anchor = anchorOf(main);
    const extra = passkey({ alias: 'secret alias', lastUsage: 7n });
    const { anchor: next, operation } = ok(addDevice(anchor, extra));
    expect(next.devices.map((d) => d.pubkey)).toEqual([main.pubkey, extra.pubkey]);
    expect(next.devices[1].lastUsage).toBeUndefined();
    expect(operation.type).toBe('add_device');
    expect('alias' in (operation as { device: object }).device).toBe(false);
  });

  it('refuses duplicates, an 11th device and a second recovery phrase, leaving the anchor untouched', () => {
    const full = anchorOf(
      ...Array.from({ length: 10 }, () => passkey({ credentialId: undefined })),
    );
    const withPhrase = anchorOf(main, recoveryPhrase());
    for (const [anchor, device, code] of [
      [anchorOf(main), { ...passkey(), pubkey: main.pubkey }, 'DuplicateDevice'],
      [full, passkey(), 'TooManyDevices'],
      [withPhrase, recoveryPhrase(), 'MultipleRecoveryPhrases'],
      [anchorOf(main), passkey({ alias: 'x'.repeat(65) }), 'AliasTooLong'],
    ] as const) {
      const before = snapshot(anchor);
      expect(errorCode(addDevice(anchor, device))).toBe(code);
      expect(snapshot(anchor)).toBe(before);
    }
  });

  it('any sequence of adds keeps every invariant (property)', () => {
    fc.assert(
      fc.property(fc.array(validDeviceArb, { maxLength: 14 }), (devices) => {
        let anchor = anchorOf();
        for (const d of devices) {
          const r = addDevice(anchor, d);
          if (r.ok) anchor = r.anchor;
        }
        expect(anchor.devices.length).toBeLessThanOrEqual(10);
        const keys = new Set(anchor.devices.map((d) => d.pubkey.join(',')));
        expect(keys.size).toBe(anchor.devices.length);
      }),
    );
  });
});

describe('updateDevice', () => {
  it('changes data, keeps last usage and unknown fields, records only what changed', () => {
    const existing = { ...passkey({ lastUsage: 42n }), unknownFields: [new Uint8Array([0x52, 0])] };
    const anchor = anchorOf(existing, main);
    const { anchor: next, operation } = ok(
      updateDevice(
        anchor,
        existing.pubkey,
        { ...existing, alias: 'renamed', lastUsage: undefined, unknownFields: undefined },
        main,
      ),
    );
    expect(next.devices[0]).toMatchObject({ alias: 'renamed', lastUsage: 42n });
    expect(next.devices[0].unknownFields).toEqual(existing.unknownFields);
    expect(operation).toEqual({
      type: 'update_device',
      device: existing.pubkey,
      changes: { alias: 'redacted' },
    });
  });

  it('records removed optional fields as null', () => {
    const anchor = anchorOf(main);
    const { operation } = ok(
      updateDevice(anchor, main.pubkey, { ...main, origin: undefined, purpose: 'recovery' }, main),
    );
    expect(operation).toEqual({
      type: 'update_device',
      device: main.pubkey,
      changes: { origin: null, purpose: 'recovery' },
    });
  });

  it('cannot change the key, an unknown device, or a protected device of someone else', () => {
    const locked = recoveryPhrase({ protection: 'protected' });
    const anchor = anchorOf(main, locked);
    const before = snapshot(anchor);
    expect(errorCode(updateDevice(anchor, main.pubkey, passkey(), main))).toBe(
      'CannotModifyDeviceKey',
    );
    const stranger = passkey();
    expect(errorCode(updateDevice(anchor, stranger.pubkey, stranger, main))).toBe('DeviceNotFound');
    expect(errorCode(updateDevice(anchor, locked.pubkey, { ...locked, alias: 'x' }, main))).toBe(
      'MutationNotAllowed',
    );
    expect(snapshot(anchor)).toBe(before);
    // …but the protected device may update itself, including unlocking itself.
    const self = ok(
      updateDevice(anchor, locked.pubkey, { ...locked, protection: 'unprotected' }, locked),
    );
    expect(self.anchor.devices[1].protection).toBe('unprotected');
  });

  it('validates the new state of the whole anchor', () => {
    const anchor = anchorOf(main, passkey());
    expect(
      errorCode(
        updateDevice(
          anchor,
          main.pubkey,
          { ...main, keyType: 'cross_platform', protection: 'protected' },
          main,
        ),
      ),
    ).toBe('InvalidDeviceProtection');
    const phrase = recoveryPhrase();
    const twoPhrases = anchorOf(phrase, { ...passkey(), credentialId: undefined });
    const other = twoPhrases.devices[1];
    expect(
      errorCode(
        updateDevice(twoPhrases, other.pubkey, { ...other, keyType: 'seed_phrase' }, phrase),
      ),
    ).toBe('MultipleRecoveryPhrases');
  });
});

describe('replaceDevice', () => {
  it('swaps the device in place; the new one has no usage', () => {
    const old = passkey({ lastUsage: 9n });
    const anchor = anchorOf(main, old);
    const fresh = passkey({ lastUsage: 3n });
    const { anchor: next, operation } = ok(replaceDevice(anchor, old.pubkey, fresh, main));
    expect(next.devices.map((d) => d.pubkey)).toEqual([main.pubkey, fresh.pubkey]);
    expect(next.devices[1].lastUsage).toBeUndefined();
    expect(operation).toMatchObject({ type: 'replace_device', oldDevice: old.pubkey });
  });

  it('refuses a replacement that duplicates another device, and protected devices of others', () => {
    const locked = recoveryPhrase({ protection: 'protected' });
    const other = passkey();
    const anchor = anchorOf(main, other, locked);
    expect(
      errorCode(replaceDevice(anchor, other.pubkey, { ...passkey(), pubkey: main.pubkey }, main)),
    ).toBe('DuplicateDevice');
    expect(errorCode(replaceDevice(anchor, locked.pubkey, recoveryPhrase(), main))).toBe(
      'MutationNotAllowed',
    );
    expect(
      ok(replaceDevice(anchor, locked.pubkey, recoveryPhrase(), locked)).anchor.devices,
    ).toHaveLength(3);
    // Replacing a device by itself (same key) is allowed.
    expect(ok(replaceDevice(anchor, other.pubkey, other, main)).anchor.devices).toHaveLength(3);
  });
});

describe('removeDevice', () => {
  it('removes any unprotected device, including the caller and the last one', () => {
    const anchor = anchorOf(main);
    const { anchor: empty, operation } = ok(removeDevice(anchor, main.pubkey, main));
    expect(empty.devices).toEqual([]);
    expect(operation).toEqual({ type: 'remove_device', device: main.pubkey });
    expect(anchor.devices).toHaveLength(1);
  });

  it('protected devices only by themselves; unknown keys refused', () => {
    const locked = recoveryPhrase({ protection: 'protected' });
    const anchor = anchorOf(main, locked);
    expect(errorCode(removeDevice(anchor, locked.pubkey, main))).toBe('MutationNotAllowed');
    expect(ok(removeDevice(anchor, locked.pubkey, locked)).anchor.devices).toEqual([main]);
    expect(errorCode(removeDevice(anchor, passkey().pubkey, main))).toBe('DeviceNotFound');
  });

  it('lets a legacy anchor with two recovery phrases shed one', () => {
    const legacy = anchorOf(recoveryPhrase(), recoveryPhrase(), main);
    expect(ok(removeDevice(legacy, legacy.devices[0].pubkey, main)).anchor.devices).toHaveLength(2);
  });
});

describe('recordDeviceUsage', () => {
  it('sets last usage on that device only, without touching the input', () => {
    const other = passkey();
    const anchor = anchorOf(main, other);
    const next = recordDeviceUsage(anchor, other.pubkey, 1_000n);
    expect(next?.devices[1].lastUsage).toBe(1_000n);
    expect(next?.devices[0].lastUsage).toBe(5n);
    expect(anchor.devices[1].lastUsage).toBeUndefined();
    expect(recordDeviceUsage(anchor, passkey().pubkey, 1n)).toBeUndefined();
  });
});
