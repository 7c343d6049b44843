// Minimal PNG encoder for 8-bit grayscale images (PNG spec / RFC 2083): signature,
// IHDR, one IDAT, IEND. Every scanline uses filter 0 (None): the bitmaps are mostly
// flat, which LZ77 already compresses, and filtering would cost a pass per pixel.
import { crc32 } from '../crc32.js';
import { zlibSync } from 'fflate';

export const PNG_SIGNATURE = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

/** Encodes `gray` (width × height bytes, row-major) as a grayscale PNG. */
export function encodeGrayPng(gray: Uint8Array, width: number, height: number): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`bad PNG size ${width}×${height}`);
  }
  if (gray.length !== width * height) throw new RangeError('pixel count does not match size');

  // Scanlines: one filter-type byte, then the row.
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    raw.set(gray.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }

  const ihdr = new Uint8Array(13);
  writeU32(ihdr, 0, width);
  writeU32(ihdr, 4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type 0: grayscale
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace

  const chunks = [
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ];
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
