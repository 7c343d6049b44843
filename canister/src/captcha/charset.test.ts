import { describe, expect, it } from 'vitest';
import {
  CAPTCHA_LENGTH,
  CHALLENGE_CHARSET,
  CHAR_REPLACEMENTS,
  normalizeAnswer,
} from './charset.js';
import { glyph } from './font.js';

describe('CHALLENGE_CHARSET', () => {
  it('excludes look-alikes', () => {
    // II: o/O/0 never used; everything the table replaces is never shown.
    const banned = ['o', 'O', '0', '1', 'l', 'I', 'j', 'C', 'S', 'X', 'Y', 'Z', 'P', 'W'];
    // This font also leaves out case pairs and letter-like digits (see font.ts).
    banned.push('K', 'M', 'U', 'V', 'J', 'q', 'Q', 'B', '2', '5', '6', '9', 'G');
    for (const ch of banned) expect(CHALLENGE_CHARSET, ch).not.toContain(ch);
  });

  it('contains every representative once, and nothing twice', () => {
    for (const rep of Object.keys(CHAR_REPLACEMENTS)) expect(CHALLENGE_CHARSET).toContain(rep);
    expect(new Set(CHALLENGE_CHARSET).size).toBe(CHALLENGE_CHARSET.length);
    expect(CHALLENGE_CHARSET.length).toBeGreaterThanOrEqual(30);
  });

  it('only has characters that survive normalisation and have a glyph', () => {
    for (const ch of CHALLENGE_CHARSET) {
      expect(normalizeAnswer(ch), ch).toBe(ch);
      expect(() => glyph(ch)).not.toThrow();
    }
  });
});

describe('normalizeAnswer', () => {
  it('applies the II replacement table', () => {
    expect(normalizeAnswer('1ilIj')).toBe('iiiii');
    expect(normalizeAnswer('CSXYZ')).toBe('csxyz');
    expect(normalizeAnswer('PW')).toBe('pw');
    expect(normalizeAnswer('csxyz')).toBe('csxyz');
  });

  it('is case-sensitive outside the table', () => {
    expect(normalizeAnswer('AbDe')).toBe('AbDe');
    expect(normalizeAnswer('a')).not.toBe(normalizeAnswer('A'));
    expect(normalizeAnswer('K')).toBe('K');
  });

  it('rejects attempts longer than five (UTF-8 bytes, like Rust String::len)', () => {
    expect(CAPTCHA_LENGTH).toBe(5);
    expect(normalizeAnswer('abcde')).toBe('abcde');
    expect(normalizeAnswer('abcdef')).toBeNull();
    expect(normalizeAnswer('ééa')).toBe('ééa'); // 5 bytes
    expect(normalizeAnswer('ééé')).toBeNull(); // 3 characters, 6 bytes
    expect(normalizeAnswer('x'.repeat(10_000))).toBeNull();
    expect(normalizeAnswer('')).toBe('');
  });
});
