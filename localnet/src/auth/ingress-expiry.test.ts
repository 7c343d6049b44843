import { describe, expect, it } from 'vitest';
import { checkIngressExpiry, formatIcTime } from './index.js';

const S = 1_000_000_000n;
const now = 1_708_469_015n * S;

describe('checkIngressExpiry', () => {
  it('accepts [now, now + 5 min + 30 s]', () => {
    expect(checkIngressExpiry(now, now)).toBeUndefined();
    expect(checkIngressExpiry(now + 330n * S, now)).toBeUndefined();
  });
  it('rejects the past and beyond the drift, in the replica wording', () => {
    expect(checkIngressExpiry(now - 1n, now)).toBe(
      'Invalid request expiry: Specified ingress_expiry not within expected range: Minimum allowed expiry: 2024-02-20 22:43:35 UTC, ' +
        'Maximum allowed expiry: 2024-02-20 22:49:05 UTC, Provided expiry:        2024-02-20 22:43:34.999999999 UTC',
    );
    expect(checkIngressExpiry(now + 330n * S + 1n, now)).toMatch(/^Invalid request expiry/);
  });
  it('formats fractions as chrono does (3, 6 or 9 digits)', () => {
    expect(formatIcTime(now + 500_000_000n)).toBe('2024-02-20 22:43:35.500 UTC');
    expect(formatIcTime(now + 1_000n)).toBe('2024-02-20 22:43:35.000001 UTC');
  });
});
