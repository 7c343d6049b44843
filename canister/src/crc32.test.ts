import fc from 'fast-check';
import { crc32 as nodeCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("agrees with Node's zlib, also on a sub-range", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), fc.nat(), fc.nat(), (b, x, y) => {
        expect(crc32(b)).toBe(nodeCrc32(b));
        const s = b.length ? x % b.length : 0;
        const e = s + (b.length ? y % (b.length - s + 1) : 0);
        expect(crc32(b, s, e)).toBe(nodeCrc32(b.subarray(s, e)));
      }),
    );
  });
});
