import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, compareBytes, concatBytes, fromHex, toHex, utf8 } from './bytes.js';

describe('bytes', () => {
  it('orders like Buffer.compare (byte-wise, prefix first)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6 }), fc.uint8Array({ maxLength: 6 }), (a, b) => {
        expect(Math.sign(compareBytes(a, b))).toBe(Buffer.compare(a, b));
        expect(bytesEqual(a, b)).toBe(Buffer.compare(a, b) === 0);
      }),
    );
  });
  it('round-trips hex and matches Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(toHex(b)).toBe(Buffer.from(b).toString('hex'));
        expect(fromHex(toHex(b))).toEqual(b);
      }),
    );
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('zz')).toThrow();
  });
  it('concatenates and UTF-8 encodes', () => {
    expect(concatBytes(utf8('ab'), new Uint8Array([0]), utf8('é'))).toEqual(
      new Uint8Array([0x61, 0x62, 0, 0xc3, 0xa9]),
    );
    expect(concatBytes()).toEqual(new Uint8Array());
  });
});
