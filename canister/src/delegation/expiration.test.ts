import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPIRATION_PERIOD_NS,
  delegationExpiration,
  MAX_EXPIRATION_PERIOD_NS,
  U64_MAX,
} from './expiration.js';

const MINUTE = 60_000_000_000n;
const NOW = 1_700_000_000_000_000_000n;

describe('delegationExpiration', () => {
  it('defaults to 30 minutes and caps at 30 days', () => {
    expect(DEFAULT_EXPIRATION_PERIOD_NS).toBe(30n * MINUTE);
    expect(MAX_EXPIRATION_PERIOD_NS).toBe(30n * 24n * 60n * MINUTE);
    expect(delegationExpiration(NOW)).toBe(NOW + 30n * MINUTE);
    expect(delegationExpiration(NOW, 5n * MINUTE)).toBe(NOW + 5n * MINUTE);
    expect(delegationExpiration(NOW, 0n)).toBe(NOW);
    expect(delegationExpiration(NOW, 31n * 24n * 60n * MINUTE)).toBe(
      NOW + MAX_EXPIRATION_PERIOD_NS,
    );
    expect(delegationExpiration(NOW, U64_MAX)).toBe(NOW + MAX_EXPIRATION_PERIOD_NS);
  });
  it('saturates at u64::MAX instead of wrapping', () => {
    expect(delegationExpiration(U64_MAX - 5n, MINUTE)).toBe(U64_MAX);
    expect(delegationExpiration(U64_MAX)).toBe(U64_MAX);
  });
  it('is now + min(ttl ?? default, max), within u64, for any input', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: U64_MAX }),
        fc.option(fc.bigInt({ min: 0n, max: U64_MAX }), { nil: undefined }),
        (now, ttl) => {
          const e = delegationExpiration(now, ttl);
          const want =
            now +
            [ttl ?? DEFAULT_EXPIRATION_PERIOD_NS, MAX_EXPIRATION_PERIOD_NS].reduce((a, b) =>
              a < b ? a : b,
            );
          expect(e).toBe(want > U64_MAX ? U64_MAX : want);
          expect(e >= now && e <= U64_MAX).toBe(true);
        },
      ),
    );
  });
});
