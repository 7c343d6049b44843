/** Registration: captcha challenges and `register` (captcha, rate limit, anchor allocation). */
import { allocateAnchorNumber, isCallerDevice, registerAnchor } from '../anchors/index.js';
import type { ChallengeResultT, ChallengeT, DeviceDataT, RegisterResponseT } from '../candid.js';
import { createChallenge } from '../captcha/index.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './ports.js';

export class Registration {
  constructor(private readonly ctx: ServiceContext) {}

  createChallenge(): ChallengeT {
    const now = this.ctx.env.now();
    const challenge = createChallenge(this.ctx.env.randomBytes(32), now);
    try {
      this.ctx.captchas.add(challenge.key, challenge.chars, now);
    } catch (error) {
      throw new ServiceError('TooManyInflightCaptchas', (error as Error).message);
    }
    return { png_base64: challenge.pngBase64, challenge_key: challenge.key };
  }

  async register(deviceData: DeviceDataT, challenge: ChallengeResultT): Promise<RegisterResponseT> {
    const ctx = this.ctx;
    await ctx.ensureSalt();
    const device = ctx.device(deviceData);
    if (!isCallerDevice({ toUint8Array: () => ctx.env.caller() }, device.pubkey)) {
      throw new ServiceError(
        'Unauthorized',
        'the caller must be the self-authenticating principal of the device key',
      );
    }
    const now = ctx.env.now();
    if (ctx.captchaEnabled() && ctx.captchas.check(challenge.key, challenge.chars, now) !== 'ok')
      return { bad_challenge: null };
    if (!ctx.rateLimit.tryTake(now))
      throw new ServiceError('RateLimitExceeded', 'rate limit reached, try again later');
    const allocation = allocateAnchorNumber({
      range: ctx.state.anchorRange,
      count: ctx.state.anchorCount,
    });
    if (allocation.kind === 'canister_full') return { canister_full: null };
    ctx.apply(registerAnchor(allocation.number, device));
    ctx.saveState({ ...ctx.state, anchorCount: allocation.allocation.count });
    return { registered: { user_number: allocation.number } };
  }
}
