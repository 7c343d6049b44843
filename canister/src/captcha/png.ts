// Minimal PNG encoders for grayscale images (PNG spec / RFC 2083): signature, IHDR, one IDAT,
// IEND. Every scanline uses filter 0 (None): filtering would cost a pass per pixel.
import { crc32 } from '../crc32.js';
import { zlibSync } from 'fflate';

export const PNG_SIGNATURE = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

/** Encodes `gray` (width × height bytes, row-major) as a grayscale PNG. */
export function encodeGrayPng(gray: Uint8Array, width: number, height: number): Uint8Array {
  checkSize(gray, width, height);
  // Scanlines: one filter-type byte, then the row.
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    raw.set(gray.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  return png(header(width, height, 8), zlibSync(raw, { level: 6 }));
}

/** 8-bit gray → the 2-bit level (0 black … 3 white) it is drawn with. */
const LEVEL_OF = Uint8Array.from({ length: 256 }, (_, v) =>
  v < 96 ? 0 : v < 160 ? 1 : v < 224 ? 2 : 3,
);

/**
 * Encodes `gray` (width × height bytes, row-major) as a 2-bit grayscale PNG in which every pixel
 * is a 2×2 block (the image is 2·width × 2·height), deflate-stored, not compressed. For the
 * captcha in the canister's JavaScript engine: a quarter of the pixels to draw and no LZ77 search
 * (deflating the 8-bit 220×120 image was over half of `create_challenge`), for a PNG of ~6.8 KB
 * instead of ~3.6 KB.
 */
export function encodeGray2BitPng2x(gray: Uint8Array, width: number, height: number): Uint8Array {
  checkSize(gray, width, height);
  const outWidth = width * 2;
  // Four 2-bit pixels per byte: one source pixel fills half a byte (its two copies).
  const rowBytes = 1 + Math.ceil(outWidth / 4);
  const raw = new Uint8Array(rowBytes * height * 2);
  for (let y = 0; y < height; y++) {
    const row = y * 2 * rowBytes;
    const src = y * width;
    let o = row + 1; // after the filter-type byte (0)
    for (let x = 0; x < width; x += 2) {
      const a = LEVEL_OF[gray[src + x]];
      const b = x + 1 < width ? LEVEL_OF[gray[src + x + 1]] : 0;
      raw[o++] = (a << 6) | (a << 4) | (b << 2) | b;
    }
    raw.copyWithin(row + rowBytes, row, row + rowBytes);
  }
  return png(header(outWidth, height * 2, 2), zlibSync(raw, { level: 0 }));
}

function checkSize(gray: Uint8Array, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`bad PNG size ${width}×${height}`);
  }
  if (gray.length !== width * height) throw new RangeError('pixel count does not match size');
}

/** IHDR data: grayscale (colour type 0) at `bitDepth`, deflate, filter method 0, no interlace. */
function header(width: number, height: number, bitDepth: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  writeU32(ihdr, 0, width);
  writeU32(ihdr, 4, height);
  ihdr[8] = bitDepth;
  return ihdr;
}

function png(ihdr: Uint8Array, idat: Uint8Array): Uint8Array {
  const chunks = [chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(PNG_SIGNATURE.length + chunks.reduce((s, c) => s + c.length, 0));
  out.set(PNG_SIGNATURE, 0);
  let o = PNG_SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** length ‖ type ‖ data ‖ CRC-32(type ‖ data). */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const c = new Uint8Array(12 + data.length);
  writeU32(c, 0, data.length);
  for (let i = 0; i < 4; i++) c[4 + i] = type.charCodeAt(i);
  c.set(data, 8);
  writeU32(c, 8 + data.length, crc32(c, 4, 8 + data.length));
  return c;
}

function writeU32(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v >>> 24;
  buf[at + 1] = (v >>> 16) & 0xff;
  buf[at + 2] = (v >>> 8) & 0xff;
  buf[at + 3] = v & 0xff;
}
