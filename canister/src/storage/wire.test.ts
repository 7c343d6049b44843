import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';
import { catchDecodeFailure, WireReader, WireWriter } from './wire.js';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('utf8', () => {
  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => {
        expect(decodeUtf8(encodeUtf8(s))).toBe(s);
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

describe('WireWriter / WireReader', () => {
  it('round-trips nat64 varints at the edges', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
        const w = new WireWriter();
        w.varBigint(n);
        const r = new WireReader(w.finish());
        expect(r.varBigint()).toBe(n);
        expect(r.done()).toBe(true);
      }),
    );
    const w = new WireWriter();
    expect(() => w.varBigint(2n ** 64n)).toThrow(RangeError);
  });

  it('small numbers take one byte', () => {
    const w = new WireWriter();
    w.fieldVarint(1, 127);
    expect(w.finish()).toEqual(new Uint8Array([0x08, 0x7f]));
  });

  it('refuses nat64 varints that overflow and lengths past the end', () => {
    const overflow = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    expect(catchDecodeFailure(() => new WireReader(overflow).varBigint())).toMatchObject({
      ok: false,
      error: { code: 'Malformed' },
    });
    const pastEnd = new Uint8Array([0x0a, 0x05, 1, 2]);
    expect(
      catchDecodeFailure(() => {
        const r = new WireReader(pastEnd);
        r.next();
        return r.bytesValue();
      }),
    ).toMatchObject({ ok: false, error: { code: 'Malformed' } });
  });

  it('skips unknown fields of both wire types and can keep them verbatim', () => {
    const w = new WireWriter();
    w.fieldBigint(7, 300n);
    w.fieldBytes(8, new Uint8Array([1, 2, 3]));
    const bytes = w.finish();
    const r = new WireReader(bytes);
    const k1 = r.next();
    r.skip(k1.wireType);
    expect(r.rawSince(k1.start)).toEqual(bytes.subarray(0, 3));
    const k2 = r.next();
    r.skip(k2.wireType);
    expect(r.rawSince(k2.start)).toEqual(bytes.subarray(3));
    expect(r.done()).toBe(true);
  });

  it('rethrows anything that is not a decode failure (bugs are not decode errors)', () => {
    expect(() =>
      catchDecodeFailure(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});
