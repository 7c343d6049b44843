import { describe, expect, it } from 'vitest';
import {
  CAPTCHA_HEIGHT,
  CAPTCHA_WIDTH,
  CHALLENGE_KEY_LENGTH,
  createChallenge,
  type Challenge,
} from './challenge.js';
import { CHALLENGE_CHARSET } from './charset.js';
import { NoiseRng } from './rng.js';
import { CaptchaStore } from './store.js';
import { decodeGrayPng } from './test-decode-png.js';

const NOW = 1_700_000_000_000_000_000n;
const bytes = (seed: number, n = 32) => {
  const r = new NoiseRng(new Uint8Array(16).fill(seed));
  return Uint8Array.from({ length: n }, () => r.nextU32() & 0xff);
};
const png = (c: Challenge) => new Uint8Array(Buffer.from(c.pngBase64, 'base64'));

describe('createChallenge', () => {
  it('returns a key, five charset characters and a decodable 220×120 PNG', () => {
    const c = createChallenge(bytes(1), NOW);
    expect(c.key).toMatch(new RegExp(`^[a-z]{${CHALLENGE_KEY_LENGTH}}$`));
    expect([...c.chars]).toHaveLength(5);
    for (const ch of c.chars) expect(CHALLENGE_CHARSET).toContain(ch);
    // Standard alphabet with padding, exactly what Buffer would produce.
    expect(c.pngBase64).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
    expect(c.pngBase64.length % 4).toBe(0);
    expect(Buffer.from(png(c)).toString('base64')).toBe(c.pngBase64);

    const d = decodeGrayPng(png(c));
    expect([d.width, d.height]).toEqual([CAPTCHA_WIDTH, CAPTCHA_HEIGHT]);
    expect([d.bitDepth, d.colorType, d.interlace]).toEqual([2, 0, 0]);
    expect(d.filterBytes).toHaveLength(CAPTCHA_HEIGHT);
    expect(new Set(d.filterBytes)).toEqual(new Set([0]));
    // Not blank: plenty of dark and of white pixels.
    const darkPx = d.pixels.filter((v) => v < 128).length;
    expect(darkPx).toBeGreaterThan(d.pixels.length * 0.05);
    expect(d.pixels.filter((v) => v === 255).length).toBeGreaterThan(d.pixels.length * 0.5);
    // Four pixels per byte, stored: a quarter of the 8-bit size plus the row and chunk overhead
    // (bounds the candid reply).
    expect(png(c).length).toBeLessThan(CAPTCHA_WIDTH * CAPTCHA_HEIGHT * 0.3);
  });

  it('gives different challenges for different randomness', () => {
    const a = createChallenge(bytes(1), NOW);
    const b = createChallenge(bytes(2), NOW);
    expect(b.key).not.toBe(a.key);
    expect(decodeGrayPng(png(b)).pixels).not.toEqual(decodeGrayPng(png(a)).pixels);
  });

  it('is a pure function of (random, now); the time alone changes the key', () => {
    expect(createChallenge(bytes(5), NOW)).toEqual(createChallenge(bytes(5), NOW));
    expect(createChallenge(bytes(5), NOW + 1n).key).not.toBe(createChallenge(bytes(5), NOW).key);
  });

  it('uses the whole alphabet for keys and characters', () => {
    const keyLetters = new Set<string>();
    const chars = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const c = createChallenge(bytes(i), NOW + BigInt(i));
      for (const k of c.key) keyLetters.add(k);
      for (const k of c.chars) chars.add(k);
    }
    expect(keyLetters.size).toBe(26);
    expect(chars.size).toBe(CHALLENGE_CHARSET.length);
  });

  it('needs at least 32 random bytes', () => {
    expect(() => createChallenge(bytes(1, 31), NOW)).toThrow(RangeError);
    expect(() => createChallenge(bytes(1, 64), NOW)).not.toThrow();
  });

  it('has a dummy variant: "a" on 96×48', () => {
    const c = createChallenge(bytes(3), NOW, { dummy: true });
    expect(c.chars).toBe('a');
    const d = decodeGrayPng(png(c));
    expect([d.width, d.height]).toEqual([96, 48]);
  });

  it('works end to end with the store', () => {
    const store = new CaptchaStore();
    const c = createChallenge(bytes(9), NOW);
    store.add(c.key, c.chars, NOW);
    expect(store.inflight(NOW)).toBe(1);
    expect(store.check(c.key, c.chars, NOW + 1n)).toBe('ok');
    expect(store.inflight(NOW)).toBe(0);
  });

  it('accepts its characters typed in either case', () => {
    const store = new CaptchaStore();
    for (let i = 0; i < 20; i++) {
      const c = createChallenge(bytes(40 + i), NOW + BigInt(i));
      for (const typed of [c.chars.toLowerCase(), c.chars.toUpperCase()]) {
        const key = `${c.key}${typed === c.chars.toLowerCase() ? 'l' : 'u'}`;
        store.add(key, c.chars, NOW);
        expect(store.check(key, typed, NOW), `${c.chars} typed as ${typed}`).toBe('ok');
      }
    }
  });
});
