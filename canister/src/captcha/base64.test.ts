import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Encode } from './base64.js';

describe('base64Encode', () => {
  it('matches the RFC 4648 test vectors', () => {
    const enc = (s: string) => base64Encode(new TextEncoder().encode(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('Zg==');
    expect(enc('fo')).toBe('Zm8=');
    expect(enc('foo')).toBe('Zm9v');
    expect(enc('foob')).toBe('Zm9vYg==');
    expect(enc('fooba')).toBe('Zm9vYmE=');
    expect(enc('foobar')).toBe('Zm9vYmFy');
  });

  it('agrees with Buffer for every byte value and length', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= all.length; n++) {
      const b = all.subarray(256 - n);
      expect(base64Encode(b)).toBe(Buffer.from(b).toString('base64'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => {
        expect(base64Encode(b)).toBe(Buffer.from(b).toString('base64'));
      }),
    );
  });
});
