/** The replica's ingress expiry rule: now ≤ expiry ≤ now + MAX_INGRESS_TTL + PERMITTED_DRIFT_AT_VALIDATOR. */

const NS_PER_SECOND = 1_000_000_000n;
/** ic_limits::MAX_INGRESS_TTL: 5 minutes. */
export const MAX_INGRESS_TTL_NS = 300n * NS_PER_SECOND;
/** ic_limits::PERMITTED_DRIFT_AT_VALIDATOR: 30 seconds, for clients with a slightly fast clock. */
export const PERMITTED_DRIFT_AT_VALIDATOR_NS = 30n * NS_PER_SECOND;

/** Formats ns since epoch as the replica prints `Time` (chrono UTC: "2024-02-20 22:43:35.156620577 UTC"). */
export function formatIcTime(ns: bigint): string {
  if (ns < 0n || ns > 253402300799999999999n) return `${ns} ns`;
  const secs = ns / NS_PER_SECOND;
  const frac = ns % NS_PER_SECOND;
  const iso = new Date(Number(secs) * 1000).toISOString(); // "YYYY-MM-DDTHH:MM:SS.000Z"
  let f = '';
  if (frac !== 0n) {
    const digits = frac.toString().padStart(9, '0');
    // chrono prints 3, 6 or 9 fractional digits, the fewest that are exact.
    f =
      '.' +
      (digits.endsWith('000000')
        ? digits.slice(0, 3)
        : digits.endsWith('000')
          ? digits.slice(0, 6)
          : digits);
  }
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${f} UTC`;
}

/** Returns the replica's error text if `expiry` is outside the accepted window at `now`, else undefined. */
export function checkIngressExpiry(expiry: bigint, now: bigint): string | undefined {
  const max = now + MAX_INGRESS_TTL_NS + PERMITTED_DRIFT_AT_VALIDATOR_NS;
  if (now <= expiry && expiry <= max) return undefined;
  return (
    'Invalid request expiry: Specified ingress_expiry not within expected range: ' +
    `Minimum allowed expiry: ${formatIcTime(now)}, ` +
    `Maximum allowed expiry: ${formatIcTime(max)}, ` +
    `Provided expiry:        ${formatIcTime(expiry)}`
  );
}
