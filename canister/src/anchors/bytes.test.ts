import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, toHex, utf8ByteLength } from './bytes.js';

describe('utf8ByteLength', () => {
  it('matches TextEncoder for well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
  });

  it('counts multi-byte characters by their encoded size', () => {
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(utf8ByteLength('\ud800')).toBe(3);
  });
});

describe('bytesEqual / toHex', () => {
  it('compares content, not identity', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });
});
