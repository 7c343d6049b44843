import { describe, expect, it } from 'vitest';
import {
  formatVerificationCode,
  MAX_VERIFICATION_ATTEMPTS,
  REGISTRATION_MODE_DURATION_NS,
  RegistrationModes,
  verificationCodeFromRandomness,
} from './registration-mode.js';
import { passkey } from './testing/arbitraries.js';

const A = 10_000n;
const T0 = 1_700_000_000_000_000_000n;
const MIN = 60n * 1_000_000_000n;

describe('verification codes', () => {
  it('are 6 zero-padded digits', () => {
    expect(formatVerificationCode(0)).toBe('000000');
    expect(formatVerificationCode(42)).toBe('000042');
    expect(formatVerificationCode(999_999)).toBe('999999');
    expect(() => formatVerificationCode(1_000_000)).toThrow(RangeError);
    expect(() => formatVerificationCode(1.5)).toThrow(RangeError);
  });

  it('derive from raw randomness as II does (big-endian u32 mod 10^6)', () => {
    expect(verificationCodeFromRandomness(new Uint8Array([0, 0, 0, 7, 9, 9]))).toBe('000007');
    // 0xFFFFFFFF = 4294967295 → 967295
    expect(verificationCodeFromRandomness(new Uint8Array([255, 255, 255, 255]))).toBe('967295');
    expect(() => verificationCodeFromRandomness(new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('RegistrationModes', () => {
  it('enter returns now + 15 min, and re-entering keeps the running expiration', () => {
    const modes = new RegistrationModes();
    const exp = modes.enter(A, T0);
    expect(exp).toBe(T0 + REGISTRATION_MODE_DURATION_NS);
    expect(modes.enter(A, T0 + 5n * MIN)).toBe(exp);
    expect(modes.info(A, T0 + 5n * MIN)).toEqual({ expiration: exp });
  });

  it('full happy path: add tentative, verify, mode is off afterwards', () => {
    const modes = new RegistrationModes();
    const device = passkey();
    const exp = modes.enter(A, T0);
    expect(modes.addTentative(A, device, T0 + 1n, '012345')).toEqual({
      kind: 'added_tentatively',
      verificationCode: '012345',
      deviceRegistrationTimeout: exp,
    });
    expect(modes.info(A, T0 + 2n)).toEqual({ expiration: exp, tentativeDevice: device });
    expect(modes.verify(A, '012345', T0 + 3n)).toEqual({ kind: 'verified', device });
    expect(modes.info(A, T0 + 4n)).toBeUndefined();
    expect(modes.verify(A, '012345', T0 + 5n)).toEqual({ kind: 'device_registration_mode_off' });
  });

  it('mode off, another device, no device to verify', () => {
    const modes = new RegistrationModes();
    expect(modes.addTentative(A, passkey(), T0, '000000')).toEqual({
      kind: 'device_registration_mode_off',
    });
    expect(modes.verify(A, '000000', T0)).toEqual({ kind: 'device_registration_mode_off' });
    modes.enter(A, T0);
    expect(modes.verify(A, '000000', T0)).toEqual({ kind: 'no_device_to_verify' });
    modes.addTentative(A, passkey(), T0, '111111');
    expect(modes.addTentative(A, passkey(), T0, '222222')).toEqual({
      kind: 'another_device_tentatively_added',
    });
  });

  it(`aborts after ${MAX_VERIFICATION_ATTEMPTS} wrong codes, counting retries down`, () => {
    const modes = new RegistrationModes();
    modes.enter(A, T0);
    modes.addTentative(A, passkey(), T0, '123456');
    const retries: number[] = [];
    for (let i = 0; i < MAX_VERIFICATION_ATTEMPTS; i++) {
      const r = modes.verify(A, '654321', T0);
      expect(r.kind).toBe('wrong_code');
      if (r.kind === 'wrong_code') retries.push(r.retriesLeft);
    }
    expect(retries).toEqual([4, 3, 2, 1, 0]);
    // Even the right code is too late now.
    expect(modes.verify(A, '123456', T0)).toEqual({ kind: 'device_registration_mode_off' });
    expect(modes.info(A, T0)).toBeUndefined();
  });

  it('the right code still works after fewer than the maximum wrong attempts', () => {
    const modes = new RegistrationModes();
    const device = passkey();
    modes.enter(A, T0);
    modes.addTentative(A, device, T0, '123456');
    for (let i = 0; i < MAX_VERIFICATION_ATTEMPTS - 1; i++) modes.verify(A, '000000', T0);
    expect(modes.verify(A, '123456', T0)).toEqual({ kind: 'verified', device });
  });

  it('an expired mode counts as off everywhere, and exit discards the tentative device', () => {
    const modes = new RegistrationModes();
    const exp = modes.enter(A, T0);
    modes.addTentative(A, passkey(), T0, '123456');
    expect(modes.verify(A, '123456', exp)).toEqual({ kind: 'device_registration_mode_off' });
    expect(modes.info(A, exp)).toBeUndefined();
    expect(modes.usersInRegistrationMode(exp)).toBe(0);
    // After expiry, entering again starts a new 15 minutes.
    expect(modes.enter(A, exp)).toBe(exp + REGISTRATION_MODE_DURATION_NS);
    modes.addTentative(A, passkey(), exp, '999999');
    modes.exit(A);
    expect(modes.info(A, exp)).toBeUndefined();
    expect(modes.addTentative(A, passkey(), exp, '999999').kind).toBe(
      'device_registration_mode_off',
    );
  });

  it('counts users in registration mode and prunes the oldest at capacity', () => {
    const modes = new RegistrationModes(3);
    modes.enter(1n, T0);
    modes.enter(2n, T0 + 1n);
    modes.enter(3n, T0 + 2n);
    expect(modes.usersInRegistrationMode(T0 + 3n)).toBe(3);
    modes.enter(4n, T0 + 3n);
    expect(modes.usersInRegistrationMode(T0 + 3n)).toBe(3);
    expect(modes.info(1n, T0 + 3n)).toBeUndefined();
    expect(modes.info(4n, T0 + 3n)).toBeDefined();
    // Once anchor 2's mode expires, it no longer counts (and frees a slot without evicting 3).
    const after2 = T0 + 1n + REGISTRATION_MODE_DURATION_NS;
    expect(modes.usersInRegistrationMode(after2)).toBe(2);
    modes.enter(5n, after2);
    expect(modes.info(3n, after2)).toBeDefined();
  });

  it('default capacity is 10,000 anchors', () => {
    const modes = new RegistrationModes();
    for (let i = 0; i < 10_001; i++) modes.enter(BigInt(i), T0);
    expect(modes.usersInRegistrationMode(T0)).toBe(10_000);
    expect(modes.info(0n, T0)).toBeUndefined();
    expect(modes.info(10_000n, T0)).toBeDefined();
  });

  it('refuses malformed codes as a programming error', () => {
    const modes = new RegistrationModes();
    modes.enter(A, T0);
    expect(() => modes.addTentative(A, passkey(), T0, '12345')).toThrow(RangeError);
    expect(modes.info(A, T0)?.tentativeDevice).toBeUndefined();
  });
});
