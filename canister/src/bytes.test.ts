import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesEqual,
  compareBytes,
  concatBytes,
  decodeUtf8,
  fromBase64,
  fromHex,
  toBase64,
  toHex,
  utf8,
  utf8ByteLength,
} from './bytes.js';

describe('compareBytes / bytesEqual', () => {
  it('orders like Buffer.compare (byte-wise, prefix first)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6 }), fc.uint8Array({ maxLength: 6 }), (a, b) => {
        expect(Math.sign(compareBytes(a, b))).toBe(Buffer.compare(a, b));
        expect(bytesEqual(a, b)).toBe(Buffer.compare(a, b) === 0);
      }),
    );
    expect(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBeLessThan(0);
    expect(compareBytes(Uint8Array.of(2), Uint8Array.of(1, 9))).toBeGreaterThan(0);
  });

  it('compares content, not identity', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
  });
});

describe('hex', () => {
  it('round-trips, matches Buffer and rejects malformed input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(toHex(b)).toBe(Buffer.from(b).toString('hex'));
        expect(fromHex(toHex(b))).toEqual(b);
      }),
    );
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe('000fff');
    expect(fromHex('000fff')).toEqual(Uint8Array.of(0, 15, 255));
    expect(fromHex('000FFF')).toEqual(Uint8Array.of(0, 15, 255));
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('zz')).toThrow();
    expect(() => fromHex('0g')).toThrow();
  });
});

describe('base64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const enc = (s: string) => toBase64(new TextEncoder().encode(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('Zg==');
    expect(enc('fo')).toBe('Zm8=');
    expect(enc('foo')).toBe('Zm9v');
    expect(enc('foob')).toBe('Zm9vYg==');
    expect(enc('fooba')).toBe('Zm9vYmE=');
    expect(enc('foobar')).toBe('Zm9vYmFy');
  });

  it('agrees with Buffer for every byte value and length, and round-trips', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= all.length; n++) {
      const b = all.subarray(256 - n);
      expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
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

describe('concatBytes / utf8', () => {
  it('concatenates and UTF-8 encodes', () => {
    expect(concatBytes([utf8('ab'), new Uint8Array([0]), utf8('é')])).toEqual(
      new Uint8Array([0x61, 0x62, 0, 0xc3, 0xa9]),
    );
    expect(concatBytes([])).toEqual(new Uint8Array());
  });
});

describe('utf8ByteLength', () => {
  it('matches TextEncoder for well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
  });

  it('matches TextEncoder on any UTF-16, lone surrogates included (each one U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
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
    expect(utf8ByteLength('\udc00\ud800')).toBe(6);
    expect(utf8ByteLength('\ud800a')).toBe(4);
  });
});

describe('decodeUtf8', () => {
  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => {
        expect(decodeUtf8(utf8(s))).toBe(s);
      }),
    );
  });

  it('agrees with a fatal TextDecoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let expected: string | undefined;
        try {
          expected = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          expected = undefined;
        }
        expect(decodeUtf8(bytes)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses overlong forms, surrogates and truncated sequences', () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
      [0x80],
    ]) {
      expect(decodeUtf8(new Uint8Array(bad))).toBeUndefined();
    }
  });
});
