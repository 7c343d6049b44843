import { describe, expect, it } from 'vitest';
import { encodeGrayPng } from './png.js';
import { decodeGrayPng } from './test-decode-png.js';

describe('encodeGrayPng', () => {
  it('produces a PNG that an independent reader decodes pixel-exactly', () => {
    const w = 7;
    const h = 5;
    const gray = Uint8Array.from({ length: w * h }, (_, i) => (i * 37) & 0xff);
    const png = encodeGrayPng(gray, w, h);
    const d = decodeGrayPng(png); // checks signature, every chunk CRC, inflate + Adler-32
    expect(d.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([d.width, d.height, d.bitDepth, d.colorType, d.interlace]).toEqual([w, h, 8, 0, 0]);
    expect(d.filterBytes).toEqual([0, 0, 0, 0, 0]);
    expect(d.pixels).toEqual(gray);
  });

  it('handles a 1×1 image and a wide one', () => {
    expect(decodeGrayPng(encodeGrayPng(new Uint8Array([200]), 1, 1)).pixels).toEqual(
      new Uint8Array([200]),
    );
    const wide = Uint8Array.from({ length: 1000 * 2 }, (_, i) => i % 251);
    const d = decodeGrayPng(encodeGrayPng(wide, 1000, 2));
    expect([d.width, d.height]).toEqual([1000, 2]);
    expect(d.pixels).toEqual(wide);
  });

  it('is detected as corrupt when a byte changes (the reader really checks CRCs)', () => {
    const png = encodeGrayPng(new Uint8Array(12).fill(3), 4, 3);
    const bad = png.slice();
    bad[20] ^= 1; // inside IHDR's width field
    expect(() => decodeGrayPng(bad)).toThrow(/CRC/);
  });

  it('rejects a size that does not match the pixels', () => {
    expect(() => encodeGrayPng(new Uint8Array(10), 3, 3)).toThrow(RangeError);
    expect(() => encodeGrayPng(new Uint8Array(0), 0, 0)).toThrow(RangeError);
  });
});
