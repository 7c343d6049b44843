import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Encoder } from './utf8-encoder.js';

const ours = new Utf8Encoder();
const node = new TextEncoder();

describe('Utf8Encoder', () => {
  it("writes what the platform's TextEncoder writes, lone surrogates as U+FFFD", () => {
    for (const s of ['', 'hello', 'é', '€', '🔑', 'a\uD800b', '\uDC00', 'x\uD83D', '\uD83D\uDD11z'])
      expect(ours.encode(s), JSON.stringify(s)).toEqual(node.encode(s));
  });

  it('agrees on any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(ours.encode(s)).toEqual(node.encode(s));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (s) => {
          expect(ours.encode(s)).toEqual(node.encode(s));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names its encoding and encodes undefined as the empty string', () => {
    expect(ours.encoding).toBe('utf-8');
    expect(ours.encode()).toEqual(new Uint8Array(0));
  });
});
