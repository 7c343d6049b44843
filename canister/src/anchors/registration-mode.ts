/**
 * Device registration mode ("add remote device" flow), kept in the heap like II: lost on upgrade,
 * which only cancels flows that last 15 minutes at most. The canister authenticates the caller
 * (for enter/exit/verify) and adds the verified device with `addDevice`; this module only
 * tracks the per-anchor state machine.
 */
import type { Device } from './types.js';

export const REGISTRATION_MODE_DURATION_NS = 15n * 60n * 1_000_000_000n;
export const MAX_ANCHORS_IN_REGISTRATION_MODE = 10_000;
/**
 * Wrong codes allowed before the flow is aborted. The spec's prose says "five times"; the
 * official II's code uses 3 (`MAX_DEVICE_REGISTRATION_ATTEMPTS`). We follow the spec.
 */
export const MAX_VERIFICATION_ATTEMPTS = 5;

type Registration =
  | { expiration: bigint; state: 'active' }
  | {
      expiration: bigint;
      state: 'tentative';
      device: Device;
      verificationCode: string;
      failedAttempts: number;
    };

export type AddTentativeResult =
  | { kind: 'added_tentatively'; verificationCode: string; deviceRegistrationTimeout: bigint }
  | { kind: 'device_registration_mode_off' }
  | { kind: 'another_device_tentatively_added' };

export type VerifyResult =
  | { kind: 'verified'; device: Device }
  | { kind: 'wrong_code'; retriesLeft: number }
  | { kind: 'device_registration_mode_off' }
  | { kind: 'no_device_to_verify' };

export interface RegistrationInfo {
  readonly expiration: bigint;
  readonly tentativeDevice?: Device;
}

/** Formats a number in [0, 999999] as the 6-digit, zero-padded code shown to the user. */
export function formatVerificationCode(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) {
    throw new RangeError(`verification code must be an integer in [0, 999999], got ${n}`);
  }
  return n.toString().padStart(6, '0');
}

/** II's derivation: big-endian u32 of the first 4 random bytes, mod 10^6. */
export function verificationCodeFromRandomness(random: Uint8Array): string {
  if (random.length < 4) throw new RangeError('need at least 4 random bytes');
  const u32 = ((random[0] << 24) | (random[1] << 16) | (random[2] << 8) | random[3]) >>> 0;
  return formatVerificationCode(u32 % 1_000_000);
}

export class RegistrationModes {
  // Map iteration follows insertion, and every entry gets the same duration from a monotonic
  // clock, so the first entries are always the oldest / first to expire: pruning stops early.
  private readonly registrations = new Map<bigint, Registration>();

  constructor(private readonly capacity: number = MAX_ANCHORS_IN_REGISTRATION_MODE) {}

  private pruneExpired(now: bigint): void {
    for (const [anchor, reg] of this.registrations) {
      if (reg.expiration > now) break;
      this.registrations.delete(anchor);
    }
  }

  private live(anchor: bigint, now: bigint): Registration | undefined {
    const reg = this.registrations.get(anchor);
    if (reg === undefined) return undefined;
    if (reg.expiration <= now) {
      this.registrations.delete(anchor);
      return undefined;
    }
    return reg;
  }

  /**
   * Enters the mode and returns its expiration. Re-entering while active keeps the running
   * expiration (as II): a flow is never extended beyond 15 minutes from its start.
   * At capacity, the oldest registration is dropped to make room.
   */
  enter(anchor: bigint, now: bigint): bigint {
    this.pruneExpired(now);
    const existing = this.live(anchor, now);
    if (existing) return existing.expiration;
    if (this.registrations.size >= this.capacity) {
      const oldest = this.registrations.keys().next();
      if (!oldest.done) this.registrations.delete(oldest.value);
    }
    const expiration = now + REGISTRATION_MODE_DURATION_NS;
    this.registrations.set(anchor, { expiration, state: 'active' });
    return expiration;
  }

  /** Leaves the mode; an unverified tentative device is discarded. */
  exit(anchor: bigint): void {
    this.registrations.delete(anchor);
  }

  /**
   * Stores the device to verify. `verificationCode` is the 6-digit code the canister derived
   * from randomness (`verificationCodeFromRandomness`). Anyone may call this (per spec).
   */
  addTentative(
    anchor: bigint,
    device: Device,
    now: bigint,
    verificationCode: string,
  ): AddTentativeResult {
    if (!/^[0-9]{6}$/.test(verificationCode)) {
      throw new RangeError('verification code must be exactly 6 decimal digits');
    }
    const reg = this.live(anchor, now);
    if (reg === undefined) return { kind: 'device_registration_mode_off' };
    if (reg.state === 'tentative') return { kind: 'another_device_tentatively_added' };
    this.registrations.set(anchor, {
      expiration: reg.expiration,
      state: 'tentative',
      device,
      verificationCode,
      failedAttempts: 0,
    });
    return {
      kind: 'added_tentatively',
      verificationCode,
      deviceRegistrationTimeout: reg.expiration,
    };
  }

  /**
   * Checks the code. On success the mode ends and the device is returned for the caller to add.
   * Each wrong code costs one attempt; after the last one the flow is aborted (mode off).
   */
  verify(anchor: bigint, code: string, now: bigint): VerifyResult {
    const reg = this.live(anchor, now);
    if (reg === undefined) return { kind: 'device_registration_mode_off' };
    if (reg.state === 'active') return { kind: 'no_device_to_verify' };
    if (code === reg.verificationCode) {
      this.registrations.delete(anchor);
      return { kind: 'verified', device: reg.device };
    }
    const failedAttempts = reg.failedAttempts + 1;
    if (failedAttempts >= MAX_VERIFICATION_ATTEMPTS) this.registrations.delete(anchor);
    else this.registrations.set(anchor, { ...reg, failedAttempts });
    return { kind: 'wrong_code', retriesLeft: MAX_VERIFICATION_ATTEMPTS - failedAttempts };
  }

  /** For get_anchor_info's `device_registration`; `undefined` when the mode is off. */
  info(anchor: bigint, now: bigint): RegistrationInfo | undefined {
    const reg = this.live(anchor, now);
    if (reg === undefined) return undefined;
    return reg.state === 'tentative'
      ? { expiration: reg.expiration, tentativeDevice: reg.device }
      : { expiration: reg.expiration };
  }

  /** Anchors currently in registration mode (metric `users_in_registration_mode`). */
  usersInRegistrationMode(now: bigint): number {
    this.pruneExpired(now);
    return this.registrations.size;
  }
}
