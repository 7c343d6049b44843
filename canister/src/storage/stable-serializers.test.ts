import { describe, expect, it } from 'vitest';
import { anchorKeySerializer, rawBytesSerializer } from './stable-serializers.js';

describe('stable serializers', () => {
  it('key serializer is the 8-byte big-endian anchor key, both ways', () => {
    expect(anchorKeySerializer.toBytes(10_001n)).toEqual(
      new Uint8Array([0, 0, 0, 0, 0, 0, 0x27, 0x11]),
    );
    expect(anchorKeySerializer.fromBytes(anchorKeySerializer.toBytes(2n ** 64n - 1n))).toBe(
      2n ** 64n - 1n,
    );
  });

  it('value serializer passes record bytes through unchanged', () => {
    const b = new Uint8Array([1, 2, 3]);
    expect(rawBytesSerializer.fromBytes(rawBytesSerializer.toBytes(b))).toEqual(b);
  });
});
