import { describe, expect, it } from 'vitest';
import { encodeGray2BitPng2x, encodeGrayPng } from './png.js';
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

describe('encodeGray2BitPng2x', () => {
  it('draws every pixel as a 2×2 block of its 2-bit level, read back by an independent reader', () => {
    const [w, h] = [5, 3]; // odd width: the last byte of a row is half padding
    const gray = Uint8Array.from({ length: w * h }, (_, i) => (i * 53) & 0xff);
    const d = decodeGrayPng(encodeGray2BitPng2x(gray, w, h));
    expect([d.width, d.height, d.bitDepth, d.colorType, d.interlace]).toEqual([10, 6, 2, 0, 0]);
    expect(d.filterBytes).toEqual([0, 0, 0, 0, 0, 0]);
    const level = (v: number) => (v < 96 ? 0 : v < 160 ? 85 : v < 224 ? 170 : 255);
    for (let y = 0; y < 2 * h; y++)
      for (let x = 0; x < 2 * w; x++)
        expect(d.pixels[y * 2 * w + x], `${x},${y}`).toBe(level(gray[(y >> 1) * w + (x >> 1)]));
  });

  it('keeps black ink black and white paper white', () => {
    const d = decodeGrayPng(encodeGray2BitPng2x(Uint8Array.of(0, 70, 255, 254), 2, 2));
    expect([...d.pixels.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...d.pixels.subarray(8, 12)]).toEqual([255, 255, 255, 255]);
  });

  it('rejects a size that does not match the pixels', () => {
    expect(() => encodeGray2BitPng2x(new Uint8Array(10), 3, 3)).toThrow(RangeError);
  });
});
