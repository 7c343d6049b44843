import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
  type RateLimitConfig,
  RegisterRateLimit,
} from './rate-limit.js';

const S = 1_000_000_000n;
const T0 = 1_700_000_000n * S;

function limiter(config?: RateLimitConfig, state?: Parameters<typeof RegisterRateLimit.create>[1]) {
  const r = RegisterRateLimit.create(config, state);
  if (!r.ok) throw new Error(r.error.message);
  return r.limiter;
}

describe('RegisterRateLimit', () => {
  it('defaults to one token per 10 s and 20,000 tokens', () => {
    expect(DEFAULT_RATE_LIMIT_CONFIG).toEqual({ timePerTokenNs: 10n * S, maxTokens: 20_000n });
    const l = limiter();
    expect(l.currentTokens(T0)).toBe(20_000n);
    expect(l.tryTake(T0)).toBe(true);
    expect(l.currentTokens(T0)).toBe(19_999n);
  });

  it('runs dry, then refills one whole token per period', () => {
    const l = limiter({ timePerTokenNs: 10n * S, maxTokens: 2n });
    expect(l.tryTake(T0)).toBe(true);
    expect(l.tryTake(T0)).toBe(true);
    expect(l.tryTake(T0)).toBe(false);
    expect(l.tryTake(T0 + 9n * S)).toBe(false);
    expect(l.tryTake(T0 + 10n * S)).toBe(true);
    expect(l.tryTake(T0 + 10n * S)).toBe(false);
    // Partial periods are not lost: 10 s + 5 s + 5 s = exactly one more token.
    expect(l.tryTake(T0 + 15n * S)).toBe(false);
    expect(l.tryTake(T0 + 20n * S)).toBe(true);
  });

  it('never exceeds max tokens however long it idles', () => {
    const l = limiter({ timePerTokenNs: S, maxTokens: 3n });
    l.tryTake(T0);
    expect(l.currentTokens(T0 + 1_000_000n * S)).toBe(3n);
  });

  it('grants at most maxTokens + elapsed/period tokens over any call sequence (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 100n }),
        fc.bigInt({ min: 0n, max: 20n }),
        fc.array(fc.bigInt({ min: 0n, max: 50n }), { maxLength: 60 }),
        (period, max, steps) => {
          const l = limiter({ timePerTokenNs: period, maxTokens: max });
          let now = T0;
          let granted = 0n;
          for (const step of steps) {
            now += step;
            if (l.tryTake(now)) granted++;
          }
          expect(granted).toBeLessThanOrEqual(max + (now - T0) / period);
        },
      ),
    );
  });

  it('resumes from a persisted state and clamps it to a smaller maximum', () => {
    const l = limiter(
      { timePerTokenNs: 10n * S, maxTokens: 5n },
      { tokens: 100n, tokenTimestamp: T0 },
    );
    expect(l.currentTokens(T0)).toBe(5n);
    expect(l.snapshot()).toEqual({ tokens: 5n, tokenTimestamp: T0 });
  });

  it('reconfigure keeps the current count, clamped, and refills under the old rate first', () => {
    const l = limiter({ timePerTokenNs: 10n * S, maxTokens: 100n });
    l.tryTake(T0);
    for (let i = 0; i < 49; i++) l.tryTake(T0);
    expect(l.currentTokens(T0)).toBe(50n);
    expect(l.reconfigure({ timePerTokenNs: S, maxTokens: 1_000n }, T0 + 20n * S)).toBeUndefined();
    expect(l.currentTokens(T0 + 20n * S)).toBe(52n);
    expect(l.reconfigure({ timePerTokenNs: S, maxTokens: 10n }, T0 + 20n * S)).toBeUndefined();
    expect(l.currentTokens(T0 + 20n * S)).toBe(10n);
  });

  it('refuses a zero period (division by zero) with a typed error, leaving the limiter as is', () => {
    expect(RegisterRateLimit.create({ timePerTokenNs: 0n, maxTokens: 1n })).toMatchObject({
      ok: false,
      error: { code: 'InvalidRateLimitConfig' },
    });
    const l = limiter({ timePerTokenNs: S, maxTokens: 1n });
    expect(l.reconfigure({ timePerTokenNs: 0n, maxTokens: 5n }, T0)?.code).toBe(
      'InvalidRateLimitConfig',
    );
    expect(l.config).toEqual({ timePerTokenNs: S, maxTokens: 1n });
  });

  it('a zero-token bucket refuses every registration', () => {
    const l = limiter({ timePerTokenNs: S, maxTokens: 0n });
    expect(l.tryTake(T0)).toBe(false);
    expect(l.tryTake(T0 + 100n * S)).toBe(false);
  });
});
