import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLeb128 as localnetLeb128 } from '@ii/localnet/testing';
import { encodeLeb128 } from './leb128.js';
import { asHex } from './test-support.js';

describe('encodeLeb128', () => {
  it('encodes like the spec (624485 → e5 8e 26) and the boundaries', () => {
    expect(asHex(encodeLeb128(624485n))).toBe('e58e26');
    expect(asHex(encodeLeb128(0n))).toBe('00');
    expect(asHex(encodeLeb128(127n))).toBe('7f');
    expect(asHex(encodeLeb128(128n))).toBe('8001');
    expect(() => encodeLeb128(-1n)).toThrow(RangeError);
  });
  it('agrees with localnet for any u64', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (n) => {
        expect(asHex(encodeLeb128(n))).toBe(asHex(localnetLeb128(n)));
      }),
    );
  });
});
