/**
 * Delegation lifetime (II delegation.rs, spec "Identity design"): 30 minutes unless the client asks
 * for a `maxTimeToLive`, never more than 30 days. Sums saturate at u64::MAX (a nat64 timestamp)
 * rather than wrap: a client sending u64::MAX as TTL must not get an expiration in the past.
 */
const MINUTE_NS = 60n * 1_000_000_000n;
export const DEFAULT_EXPIRATION_PERIOD_NS = 30n * MINUTE_NS;
export const MAX_EXPIRATION_PERIOD_NS = 30n * 24n * 60n * MINUTE_NS;
export const U64_MAX = (1n << 64n) - 1n;

export function delegationExpiration(now: bigint, maxTimeToLive?: bigint): bigint {
  const requested = maxTimeToLive ?? DEFAULT_EXPIRATION_PERIOD_NS;
  const ttl = requested < MAX_EXPIRATION_PERIOD_NS ? requested : MAX_EXPIRATION_PERIOD_NS;
  const sum = now + ttl;
  return sum > U64_MAX ? U64_MAX : sum;
}
