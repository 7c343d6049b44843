// Test-only PNG reader (imports node:zlib, so never import it from canister code).
// Independent of png.ts: Node's crc32 and inflate are the oracles.
import { crc32 as nodeCrc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  chunkTypes: string[];
  filterBytes: number[];
  /** Gray levels, row-major. */
  pixels: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/**
 * Decodes an 8- or 2-bit grayscale, non-interlaced PNG whose rows all use filter None; 2-bit
 * levels come back as 0, 85, 170, 255.
 */
export function decodeGrayPng(png: Uint8Array): DecodedPng {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  SIGNATURE.forEach((b, i) => {
    if (png[i] !== b) throw new Error(`bad signature byte ${i}`);
  });
  let at = 8;
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let ihdr: Uint8Array | undefined;
  while (at < png.length) {
    if (at + 12 > png.length) throw new Error('truncated chunk header');
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (at + 12 + len > png.length) throw new Error(`truncated ${type}`);
    const data = png.subarray(at + 8, at + 8 + len);
    const crc = view.getUint32(at + 8 + len);
    const expected = nodeCrc32(png.subarray(at + 4, at + 8 + len));
    if (crc !== expected) throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
    if (type === 'IEND') break;
  }
  if (at !== png.length) throw new Error('bytes after IEND');
  if (chunkTypes[0] !== 'IHDR' || chunkTypes.at(-1) !== 'IEND') throw new Error('chunk order');
  if (!ihdr || ihdr.length !== 13) throw new Error('bad IHDR');
  const h = new DataView(ihdr.buffer, ihdr.byteOffset, 13);
  const width = h.getUint32(0);
  const height = h.getUint32(4);
  const [bitDepth, colorType, , , interlace] = ihdr.subarray(8);

  if (bitDepth !== 8 && bitDepth !== 2) throw new Error(`bit depth ${bitDepth} not supported`);
  const rowBytes = 1 + Math.ceil((width * bitDepth) / 8);
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * rowBytes) {
    throw new Error(`inflated ${raw.length} bytes, expected ${height * rowBytes}`);
  }
  const filterBytes: number[] = [];
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * rowBytes];
    filterBytes.push(f);
    if (f !== 0) throw new Error(`row ${y}: filter ${f} not supported by this reader`);
    const row = raw.subarray(y * rowBytes + 1, (y + 1) * rowBytes);
    for (let x = 0; x < width; x++) {
      pixels[y * width + x] =
        bitDepth === 8 ? row[x] : ((row[x >> 2] >> (6 - 2 * (x & 3))) & 3) * 85;
    }
  }
  return { width, height, bitDepth, colorType, interlace, chunkTypes, filterBytes, pixels };
}
