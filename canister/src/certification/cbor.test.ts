import { decode } from '@dfinity/cbor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../bytes.js';
import { encodeCbor, encodeSelfDescribed, tagged, type CborValue } from './cbor.js';
import type { HashTree } from './hash-tree.js';
import { asHex } from './test-support.js';

describe('CBOR encoder', () => {
  it('writes unsigned integers in their shortest form at every size boundary', () => {
    const cases: Array<[bigint, string]> = [
      [0n, '00'],
      [23n, '17'],
      [24n, '1818'],
      [255n, '18ff'],
      [256n, '190100'],
      [65535n, '19ffff'],
      [65536n, '1a00010000'],
      [4294967295n, '1affffffff'],
      [4294967296n, '1b0000000100000000'],
      [(1n << 64n) - 1n, '1bffffffffffffffff'],
    ];
    for (const [n, hex] of cases) expect(asHex(encodeCbor(n))).toBe(hex);
    expect(asHex(encodeCbor(1000))).toBe('1903e8');
    expect(() => encodeCbor(1n << 64n)).toThrow();
    expect(() => encodeCbor(-1)).toThrow();
    expect(() => encodeCbor(1.5)).toThrow();
  });
  it('writes byte strings, text, arrays, maps in key order and tags', () => {
    expect(asHex(encodeCbor(new Uint8Array([1, 2])))).toBe('420102');
    expect(asHex(encodeCbor('sig'))).toBe('63736967');
    expect(asHex(encodeCbor([1, [2]]))).toBe('82018102');
    expect(asHex(encodeCbor({ b: 1, a: 2 }))).toBe('a2616201616102');
    expect(asHex(encodeSelfDescribed(0))).toBe('d9d9f700');
    expect(asHex(encodeCbor(tagged(1, 2)))).toBe('c102');
  });
  it('writes hash trees and text arrays as the IC-Certificate header carries them', () => {
    const tree: HashTree = [1, [4, new Uint8Array([9])], [2, utf8('a'), [3, new Uint8Array(0)]]];
    expect(asHex(encodeSelfDescribed(tree))).toBe(
      'd9d9f7' + '8301' + '820441' + '09' + '830241' + '61' + '820340',
    );
    expect(asHex(encodeSelfDescribed(['http_expr', '', '<*>']))).toBe(
      'd9d9f783' + '69' + asHex(utf8('http_expr')) + '60' + '63' + asHex(utf8('<*>')),
    );
  });
  it('round-trips through @dfinity/cbor (the agent side decoder) for random values', () => {
    const arbValue: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.string(),
        fc.uint8Array({ maxLength: 300 }),
        fc.array(tie('v'), { maxLength: 30 }),
        fc.dictionary(fc.string({ maxLength: 5 }), tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    // The decoder returns small integers as numbers: normalise before comparing.
    const norm = (v: unknown): unknown =>
      typeof v === 'number'
        ? BigInt(v)
        : Array.isArray(v)
          ? v.map(norm)
          : v instanceof Uint8Array
            ? asHex(v)
            : typeof v === 'object' && v !== null
              ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]))
              : v;
    fc.assert(
      fc.property(arbValue, (v) => {
        expect(norm(decode(encodeSelfDescribed(v)))).toEqual(norm(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('argument sizes (the number fast path and the BigInt path agree)', () => {
  it('writes every boundary in its shortest form, as numbers and as bigints', () => {
    const cases: [number, string][] = [
      [0, '00'],
      [23, '17'],
      [24, '1818'],
      [255, '18ff'],
      [256, '190100'],
      [65_535, '19ffff'],
      [65_536, '1a00010000'],
      [0xffffffff, '1affffffff'],
      [0x100000000, '1b0000000100000000'],
    ];
    for (const [n, hex] of cases) {
      expect(Buffer.from(encodeCbor(n)).toString('hex'), `${n}`).toBe(hex);
      expect(Buffer.from(encodeCbor(BigInt(n))).toString('hex'), `${n}n`).toBe(hex);
    }
    // Lengths go through the same head: a 300-byte string and a 24-item array.
    expect(
      Buffer.from(encodeCbor(new Uint8Array(300)))
        .subarray(0, 3)
        .toString('hex'),
    ).toBe('59012c');
    expect(
      Buffer.from(encodeCbor(new Array(24).fill(0)))
        .subarray(0, 2)
        .toString('hex'),
    ).toBe('9818');
  });
});
