/**
 * Token bucket for `register` (II `registration/rate_limit.rs`): each registration takes one
 * token, one token comes back every `timePerTokenNs`, at most `maxTokens` are stored.
 * Integer arithmetic only: the timestamp advances by whole tokens, so fractions are never lost.
 */

export interface RateLimitConfig {
  readonly timePerTokenNs: bigint;
  readonly maxTokens: bigint;
}

/** What must be persisted across upgrades (together with the config). */
export interface RateLimitState {
  readonly tokens: bigint;
  /** The time up to which refills have been counted into `tokens`. */
  readonly tokenTimestamp: bigint;
}

export const DEFAULT_RATE_LIMIT_CONFIG: RateLimitConfig = {
  timePerTokenNs: 10n * 1_000_000_000n,
  maxTokens: 20_000n,
};

export type RateLimitConfigError = { code: 'InvalidRateLimitConfig'; message: string };

const U64_MAX = 2n ** 64n - 1n;

export function validateRateLimitConfig(config: RateLimitConfig): RateLimitConfigError | undefined {
  if (config.timePerTokenNs <= 0n || config.timePerTokenNs > U64_MAX) {
    return {
      code: 'InvalidRateLimitConfig',
      message: `time_per_token_ns must be a positive nat64, got ${config.timePerTokenNs}`,
    };
  }
  if (config.maxTokens < 0n || config.maxTokens > U64_MAX) {
    return {
      code: 'InvalidRateLimitConfig',
      message: `max_tokens must be a nat64, got ${config.maxTokens}`,
    };
  }
  return undefined;
}

export class RegisterRateLimit {
  private constructor(
    private cfg: RateLimitConfig,
    // Undefined until first use: the bucket starts full at the first registration (as II).
    private current: RateLimitState | undefined,
  ) {}

  /** A limiter with `config`, resuming from persisted `state` (clamped to the new maximum). */
  static create(
    config: RateLimitConfig = DEFAULT_RATE_LIMIT_CONFIG,
    state?: RateLimitState,
  ): { ok: true; limiter: RegisterRateLimit } | { ok: false; error: RateLimitConfigError } {
    const error = validateRateLimitConfig(config);
    if (error) return { ok: false, error };
    const clamped =
      state === undefined
        ? undefined
        : { tokens: min(state.tokens, config.maxTokens), tokenTimestamp: state.tokenTimestamp };
    return { ok: true, limiter: new RegisterRateLimit(config, clamped) };
  }

  get config(): RateLimitConfig {
    return this.cfg;
  }

  private refilled(now: bigint): RateLimitState {
    if (this.current === undefined) return { tokens: this.cfg.maxTokens, tokenTimestamp: now };
    const { tokens, tokenTimestamp } = this.current;
    if (now <= tokenTimestamp) return this.current;
    const newTokens = (now - tokenTimestamp) / this.cfg.timePerTokenNs;
    if (newTokens === 0n) return this.current;
    return {
      tokens: min(this.cfg.maxTokens, tokens + newTokens),
      tokenTimestamp: tokenTimestamp + newTokens * this.cfg.timePerTokenNs,
    };
  }

  /** Takes a token if one is available; `false` means "rate limit reached, try again later". */
  tryTake(now: bigint): boolean {
    const state = this.refilled(now);
    if (state.tokens <= 0n) {
      this.current = state;
      return false;
    }
    this.current = { tokens: state.tokens - 1n, tokenTimestamp: state.tokenTimestamp };
    return true;
  }

  /** Tokens available at `now` (metrics), without changing state. */
  currentTokens(now: bigint): bigint {
    return this.refilled(now).tokens;
  }

  /** For persisting; `undefined` if never used. */
  snapshot(): RateLimitState | undefined {
    return this.current;
  }

  /**
   * Applies a new config (e.g. an upgrade argument). Refills up to `now` under the old rate
   * first, then clamps the count to the new maximum: an upgrade never grants a burst.
   */
  reconfigure(config: RateLimitConfig, now: bigint): RateLimitConfigError | undefined {
    const error = validateRateLimitConfig(config);
    if (error) return error;
    const state = this.current === undefined ? undefined : this.refilled(now);
    this.cfg = config;
    this.current =
      state === undefined
        ? undefined
        : { tokens: min(state.tokens, config.maxTokens), tokenTimestamp: state.tokenTimestamp };
    return undefined;
  }
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
