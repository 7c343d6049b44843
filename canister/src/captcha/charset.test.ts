import { describe, expect, it } from 'vitest';
import { CAPTCHA_LENGTH, CHALLENGE_CHARSET, LOOK_ALIKES, normalizeAnswer } from './charset.js';
import { glyph } from './font.js';

// Glyphs people take for one another (the ones a new user reported, and their kin).
const CONFUSABLE = [
  ['g', 'q', '9', 'y'],
  ['u', 'v'],
  ['T', 't', 'f'],
  ['0', 'O', 'o', 'D'],
  ['1', 'l', 'I', 'i', 'j', 'J', 'L'],
  ['5', 'S', 's'],
  ['2', 'Z', 'z'],
  ['8', 'B', '3'],
  ['6', 'b', 'G'],
  ['c', 'C', 'e'],
  ['k', 'K'],
  ['x', 'X'],
  ['p', 'P'],
  ['w', 'W'],
];

const shown = new Set(CHALLENGE_CHARSET);

describe('CHALLENGE_CHARSET', () => {
  it('shows at most one character of each look-alike group', () => {
    for (const group of CONFUSABLE) {
      const inCharset = group.filter((ch) => shown.has(ch));
      expect(inCharset.length, group.join('/')).toBeLessThanOrEqual(1);
    }
  });

  it('accepts the other case and the look-alikes of what it shows', () => {
    // A user who reads g as q, u as v or T as t is right.
    expect(normalizeAnswer('q')).toBe(normalizeAnswer('g'));
    expect(normalizeAnswer('9')).toBe(normalizeAnswer('g'));
    expect(normalizeAnswer('v')).toBe(normalizeAnswer('u'));
    expect(normalizeAnswer('t')).toBe(normalizeAnswer('T'));
    expect(normalizeAnswer('5')).toBe(normalizeAnswer('s'));
    expect(normalizeAnswer('S')).toBe(normalizeAnswer('s'));
    expect(normalizeAnswer('2')).toBe(normalizeAnswer('z'));
    expect(normalizeAnswer('Z')).toBe(normalizeAnswer('z'));
    expect(normalizeAnswer('6')).toBe(normalizeAnswer('b'));
    expect(normalizeAnswer('B')).toBe(normalizeAnswer('b'));
  });

  it('has no two characters that are the same answer', () => {
    const answers = CHALLENGE_CHARSET.map((ch) => normalizeAnswer(ch));
    expect(new Set(answers).size).toBe(CHALLENGE_CHARSET.length);
    expect(CHALLENGE_CHARSET.length).toBeGreaterThanOrEqual(20);
  });

  it('only has characters the font draws', () => {
    for (const ch of CHALLENGE_CHARSET) expect(() => glyph(ch), ch).not.toThrow();
  });

  it('never shows a look-alike', () => {
    for (const from of Object.values(LOOK_ALIKES)) {
      for (const ch of from) {
        expect(shown.has(ch), ch).toBe(false);
        expect(shown.has(ch.toUpperCase()), ch.toUpperCase()).toBe(false);
      }
    }
  });
});

describe('normalizeAnswer', () => {
  it('ignores case', () => {
    expect(normalizeAnswer('AbCdE')).toBe('abcde');
    expect(normalizeAnswer('abcde')).toBe(normalizeAnswer('ABCDE'));
    expect(normalizeAnswer('HkTnx')).toBe(normalizeAnswer('hKtNX'));
    for (const ch of CHALLENGE_CHARSET) {
      expect(normalizeAnswer(ch.toLowerCase()), ch).toBe(normalizeAnswer(ch));
      expect(normalizeAnswer(ch.toUpperCase()), ch).toBe(normalizeAnswer(ch));
    }
  });

  it('folds look-alikes into the character they resemble', () => {
    expect(normalizeAnswer('Qv5Z6')).toBe('guszb');
    expect(normalizeAnswer('y9q')).toBe('ggg');
  });

  it('keeps other characters apart', () => {
    expect(normalizeAnswer('a')).not.toBe(normalizeAnswer('e'));
    expect(normalizeAnswer('T')).not.toBe(normalizeAnswer('F'));
    expect(normalizeAnswer('0')).not.toBe(normalizeAnswer('d'));
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
