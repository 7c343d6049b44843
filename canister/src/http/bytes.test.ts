import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareBytes, fromBase64, fromHex, toBase64, toHex } from './bytes.js';

describe('base64', () => {
  it('matches Node for arbitrary bytes and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b64 = toBase64(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(b64)).toEqual(bytes);
      }),
    );
  });

  it('rejects malformed input', () => {
    expect(() => fromBase64('abc')).toThrow();
    expect(() => fromBase64('ab!=')).toThrow();
    expect(() => fromBase64('a=bc')).toThrow();
  });
});

describe('hex and compare', () => {
  it('round-trips hex and orders bytes lexicographically', () => {
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe('000fff');
    expect(fromHex('000fff')).toEqual(Uint8Array.of(0, 15, 255));
    expect(() => fromHex('0g')).toThrow();
    expect(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBeLessThan(0);
    expect(compareBytes(Uint8Array.of(2), Uint8Array.of(1, 9))).toBeGreaterThan(0);
  });
});
