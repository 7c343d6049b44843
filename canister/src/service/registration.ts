/**
 * Registration: captcha challenges, and a new anchor with its first device (captcha, rate limit,
 * anchor allocation), for `register` (v1) and `identity_register` (v2) alike.
 */
import {
  type Device,
  allocateAnchorNumber,
  isCallerDevice,
  registerAnchor,
} from '../anchors/index.js';
import type { ChallengeResultT, ChallengeT, DeviceDataT, RegisterResponseT } from '../candid.js';
import { createChallenge } from '../captcha/index.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './ports.js';

export type RegistrationOutcome =
  | { kind: 'registered'; anchorNumber: bigint }
  | { kind: 'bad_challenge' }
  | { kind: 'canister_full' };

export class Registration {
  constructor(private readonly ctx: ServiceContext) {}

  createChallenge(): ChallengeT {
    const now = this.ctx.env.now();
    // The test flavor's captcha is always "a" (dapp developers' e2e tests type it).
    const challenge = createChallenge(this.ctx.env.randomBytes(32), now, {
      dummy: this.ctx.flavor === 'test',
    });
    try {
      this.ctx.captchas.add(challenge.key, challenge.chars, now);
    } catch (error) {
      throw new ServiceError('TooManyInflightCaptchas', (error as Error).message);
    }
    return { png_base64: challenge.pngBase64, challenge_key: challenge.key };
  }

  async register(deviceData: DeviceDataT, challenge: ChallengeResultT): Promise<RegisterResponseT> {
    await this.ctx.ensureSalt();
    const outcome = this.registerDevice(this.ctx.device(deviceData), challenge, 'v1');
    switch (outcome.kind) {
      case 'registered':
        return { registered: { user_number: outcome.anchorNumber } };
      case 'bad_challenge':
        return { bad_challenge: null };
      case 'canister_full':
        return { canister_full: null };
    }
  }

  /**
   * Registers `device` (already checked) as the first device of a new anchor. The caller must be
   * the device's self-authenticating principal; the rate limit traps (neither API has a result
   * for it). The salt must be set (callers await `ensureSalt` first).
   */
  registerDevice(
    device: Device,
    challenge: ChallengeResultT,
    api: 'v1' | 'v2',
  ): RegistrationOutcome {
    const ctx = this.ctx;
    if (!isCallerDevice({ toUint8Array: () => ctx.env.caller() }, device.pubkey)) {
      throw new ServiceError(
        'Unauthorized',
        'the caller must be the self-authenticating principal of the device key',
      );
    }
    const now = ctx.env.now();
    if (ctx.captchaEnabled() && ctx.captchas.check(challenge.key, challenge.chars, now) !== 'ok')
      return { kind: 'bad_challenge' };
    if (!ctx.rateLimit.tryTake(now))
      throw new ServiceError('RateLimitExceeded', 'rate limit reached, try again later');
    const allocation = allocateAnchorNumber({
      range: ctx.state.anchorRange,
      count: ctx.state.anchorCount,
    });
    if (allocation.kind === 'canister_full') return { kind: 'canister_full' };
    ctx.apply(registerAnchor(allocation.number, device));
    const v2 = (ctx.state.v2Registrations ?? 0n) + (api === 'v2' ? 1n : 0n);
    ctx.saveState({
      ...ctx.state,
      anchorCount: allocation.allocation.count,
      ...(api === 'v2' ? { v2Registrations: v2 } : {}),
    });
    return { kind: 'registered', anchorNumber: allocation.number };
  }
}
