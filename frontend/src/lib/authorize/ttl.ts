/** Delegation lifetime the frontend asks for (the Internet Identity specification). The canister clamps too. */
const MINUTE_NS = 60n * 1_000_000_000n;
export const DEFAULT_TTL_NS = 30n * MINUTE_NS;
export const MAX_TTL_NS = 30n * 24n * 60n * MINUTE_NS;

/** What the dapp asked for, defaulted to 30 minutes and capped at 30 days; never ≤ 0. */
export function clampTtl(maxTimeToLive?: bigint): bigint {
  if (maxTimeToLive === undefined || maxTimeToLive <= 0n) return DEFAULT_TTL_NS;
  return maxTimeToLive > MAX_TTL_NS ? MAX_TTL_NS : maxTimeToLive;
}
