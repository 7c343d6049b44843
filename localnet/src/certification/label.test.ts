import { describe, expect, it } from 'vitest';
import { compareLabels, labelBytes } from './label.js';

describe('label', () => {
  it('encodes strings as UTF-8 and passes bytes through', () => {
    expect(labelBytes('time')).toEqual(new TextEncoder().encode('time'));
    const b = Uint8Array.of(1, 2);
    expect(labelBytes(b)).toBe(b);
  });

  it('orders byte-wise, a proper prefix first', () => {
    expect(compareLabels(Uint8Array.of(1, 255), Uint8Array.of(2, 0))).toBeLessThan(0);
    expect(compareLabels(Uint8Array.of(1), Uint8Array.of(1, 0))).toBeLessThan(0);
    expect(compareLabels(Uint8Array.of(200), Uint8Array.of(3))).toBeGreaterThan(0);
    expect(compareLabels(Uint8Array.of(5, 5), Uint8Array.of(5, 5))).toBe(0);
  });
});
