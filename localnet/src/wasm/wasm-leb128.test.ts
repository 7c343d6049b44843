import { describe, expect, it } from 'vitest';
import { WasmParseError } from './errors.js';
import { readU32Leb, skipLeb, writeSignedLeb, writeU32Leb } from './wasm-leb128.js';

describe('leb128', () => {
  it('round-trips values of several widths', () => {
    for (const v of [0, 1, 127, 128, 300, 16_384, 2 ** 31, 2 ** 32 - 1]) {
      const enc = writeU32Leb(v);
      expect(readU32Leb(enc, 0)).toEqual([v, enc.length]);
      expect(skipLeb(enc, 0)).toBe(enc.length);
    }
  });

  it('reads at an offset', () => {
    expect(readU32Leb(Uint8Array.from([9, 0xe5, 0x8e, 0x26]), 1)).toEqual([624_485, 4]);
  });

  it('writes signed values as i64.const immediates', () => {
    expect([...writeSignedLeb(0)]).toEqual([0x00]);
    expect([...writeSignedLeb(63)]).toEqual([0x3f]);
    expect([...writeSignedLeb(64)]).toEqual([0xc0, 0x00]);
    expect([...writeSignedLeb(-1)]).toEqual([0x7f]);
    expect([...writeSignedLeb(624_485)]).toEqual([0xe5, 0x8e, 0x26]);
    expect(writeSignedLeb(-(2n ** 63n))).toHaveLength(10);
  });

  it('rejects truncated input', () => {
    expect(() => readU32Leb(Uint8Array.from([0x80, 0x80]), 0)).toThrow(WasmParseError);
    expect(() => skipLeb(Uint8Array.from([0xff]), 0)).toThrow(WasmParseError);
  });
});
