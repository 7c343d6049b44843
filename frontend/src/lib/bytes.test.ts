import { describe, expect, it } from 'vitest';
import {
  bytesEqual,
  concatBytes,
  fromBase64,
  fromBase64Url,
  toBase64,
  toBase64Url,
  toHex,
} from './bytes.js';

describe('bytes', () => {
  it('base64url round-trips every length and matches Node', () => {
    for (let n = 0; n < 40; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 250) & 255);
      const s = toBase64Url(b);
      expect(s).toBe(Buffer.from(b).toString('base64url'));
      expect(fromBase64Url(s)).toEqual(b);
      expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'));
      expect(fromBase64(toBase64(b))).toEqual(b);
    }
  });
  it('concatenates, compares and hex-encodes', () => {
    const c = concatBytes(new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([255]));
    expect(toHex(c)).toBe('0102ff');
    expect(bytesEqual(c, new Uint8Array([1, 2, 255]))).toBe(true);
    expect(bytesEqual(c, new Uint8Array([1, 2, 254]))).toBe(false);
    expect(bytesEqual(c, new Uint8Array([1, 2]))).toBe(false);
  });
});
