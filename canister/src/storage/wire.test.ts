import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchDecodeFailure, WireReader, WireWriter } from './wire.js';

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
