import { sha256 } from '@noble/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { HashDrbg, NoiseRng } from './rng.js';

describe('HashDrbg', () => {
  it('is SHA-256(seed ‖ label ‖ counter) in blocks', () => {
    const seed = new Uint8Array(32).fill(7);
    const d = new HashDrbg(seed, 'x');
    const msg = (ctr: number) => new Uint8Array([...seed, 0x78, 0, 0, 0, ctr]);
    expect(d.bytes(40)).toEqual(
      new Uint8Array([...sha256(msg(0)), ...sha256(msg(1)).subarray(0, 8)]),
    );
  });

  it('separates labels', () => {
    const seed = new Uint8Array(32);
    expect(new HashDrbg(seed, 'a').bytes(16)).not.toEqual(new HashDrbg(seed, 'b').bytes(16));
  });

  it('below(n) stays in range and covers it', () => {
    const d = new HashDrbg(new Uint8Array(32).fill(1), 't');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = d.below(35);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(35);
      seen.add(v);
    }
    expect(seen.size).toBe(35);
    expect(() => d.below(0)).toThrow(RangeError);
    expect(() => d.below(257)).toThrow(RangeError);
  });
});

describe('NoiseRng', () => {
  it('gives unsigned 32-bit values and floats in [0, 1)', () => {
    const r = new NoiseRng(new Uint8Array(16)); // all-zero seed must not get stuck
    const vals = Array.from({ length: 1000 }, () => r.nextU32());
    expect(new Set(vals).size).toBeGreaterThan(990);
    for (const v of vals) expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    for (let i = 0; i < 1000; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
      const k = r.int(3, 9);
      expect(k >= 3 && k < 9).toBe(true);
    }
  });
});
