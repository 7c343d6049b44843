// Unsolved challenges, kept on the heap like II's `inflight_challenges`: they live
// five minutes at most, so losing them on upgrade only asks users for a new captcha.
import { normalizeAnswer } from './charset.js';
import { DuplicateChallengeKeyError, TooManyInflightCaptchasError } from './errors.js';

export { DuplicateChallengeKeyError, TooManyInflightCaptchasError };

/** II `CAPTCHA_CHALLENGE_LIFETIME`: 5 minutes, in nanoseconds. */
export const CAPTCHA_LIFETIME_NS = 300n * 1_000_000_000n;
/** II's default bound on unsolved challenges (`max_inflight_captchas`). */
export const DEFAULT_MAX_UNSOLVED = 500;

export type CheckResult = 'ok' | 'bad' | 'expired' | 'unknown';

interface Entry {
  /** The challenge's text, normalised like an answer (case and look-alikes folded). */
  readonly chars: string;
  readonly created: bigint;
}

export class CaptchaStore {
  private readonly entries = new Map<string, Entry>();
  private max: number;

  constructor(maxUnsolved: number = DEFAULT_MAX_UNSOLVED) {
    this.max = validLimit(maxUnsolved);
  }

  get maxUnsolved(): number {
    return this.max;
  }

  /** For the init/upgrade argument `max_inflight_captchas`; existing entries stay. */
  setMaxUnsolved(maxUnsolved: number): void {
    this.max = validLimit(maxUnsolved);
  }

  /** Stores a new challenge. Throws TooManyInflightCaptchasError when full after pruning. */
  add(key: string, chars: string, now: bigint): void {
    if (this.entries.size >= this.max) this.prune(now);
    if (this.entries.size >= this.max) throw new TooManyInflightCaptchasError(this.max);
    const existing = this.entries.get(key);
    if (existing !== undefined && !isExpired(existing, now)) {
      throw new DuplicateChallengeKeyError(key);
    }
    // Delete first so the Map's insertion order stays creation order.
    this.entries.delete(key);
    this.entries.set(key, { chars: normalizeAnswer(chars) ?? chars, created: now });
  }

  /**
   * Checks an answer, ignoring case and accepting look-alikes (charset.ts). Single use:
   * the challenge is removed whatever the outcome, so each challenge allows one guess.
   */
  check(key: string, answer: string, now: bigint): CheckResult {
    const entry = this.entries.get(key);
    if (entry === undefined) return 'unknown';
    this.entries.delete(key);
    if (isExpired(entry, now)) return 'expired';
    return normalizeAnswer(answer) === entry.chars ? 'ok' : 'bad';
  }

  /** Unexpired challenges (metric `internet_identity_inflight_challenges`); prunes. */
  inflight(now: bigint): number {
    this.prune(now);
    return this.entries.size;
  }

  /** Removes expired challenges; returns how many were removed. */
  prune(now: bigint): number {
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (isExpired(entry, now)) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }
}

/** Expired at exactly five minutes: II keeps only `created > now - lifetime`. */
function isExpired(entry: Entry, now: bigint): boolean {
  return now - entry.created >= CAPTCHA_LIFETIME_NS;
}

function validLimit(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad captcha limit ${n}`);
  return n;
}
