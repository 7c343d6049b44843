import { describe, expect, it } from 'vitest';
import { WasmParseError, readU32Leb, skipLeb, writeU32Leb } from './leb128.js';

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

  it('rejects truncated input', () => {
    expect(() => readU32Leb(Uint8Array.from([0x80, 0x80]), 0)).toThrow(WasmParseError);
    expect(() => skipLeb(Uint8Array.from([0xff]), 0)).toThrow(WasmParseError);
  });
});
