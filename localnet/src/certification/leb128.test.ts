import { describe, expect, it } from 'vitest';
import { decodeLeb128, encodeLeb128 } from './leb128.js';
import { hex } from './test-support.js';

describe('leb128', () => {
  it('encodes known values', () => {
    expect(hex(encodeLeb128(0))).toBe('00');
    expect(hex(encodeLeb128(127))).toBe('7f');
    expect(hex(encodeLeb128(128))).toBe('8001');
    expect(hex(encodeLeb128(624485n))).toBe('e58e26');
  });

  it('round-trips large naturals', () => {
    for (const n of [0n, 1n, 1_700_000_000_000_000_000n, 2n ** 64n - 1n]) {
      expect(decodeLeb128(encodeLeb128(n))).toBe(n);
    }
  });

  it('rejects negatives, truncation and trailing bytes', () => {
    expect(() => encodeLeb128(-1)).toThrow(RangeError);
    expect(() => decodeLeb128(Uint8Array.of(0x80))).toThrow(/truncated/);
    expect(() => decodeLeb128(Uint8Array.of(0x01, 0x02))).toThrow(/trailing/);
  });
});
