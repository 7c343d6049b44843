import { describe, expect, it } from 'vitest';
import {
  CAPTCHA_LIFETIME_NS,
  CaptchaStore,
  DEFAULT_MAX_UNSOLVED,
  DuplicateChallengeKeyError,
  TooManyInflightCaptchasError,
} from './store.js';

const T0 = 1_700_000_000_000_000_000n;
const SEC = 1_000_000_000n;

describe('CaptchaStore', () => {
  it('accepts the right answer once (normalised)', () => {
    const s = new CaptchaStore();
    s.add('k1', 'ab3ic', T0);
    expect(s.check('k1', 'ab3Ic', T0 + SEC)).toBe('ok');
    expect(s.check('k1', 'ab3ic', T0 + SEC)).toBe('unknown');
  });

  it('ignores case and accepts look-alikes of the characters shown', () => {
    const s = new CaptchaStore();
    for (const [i, answer] of ['AbTgu', 'abtgu', 'ABTGU', 'aBtqv', 'AbT9U'].entries()) {
      s.add(`k${i}`, 'AbTgu', T0);
      expect(s.check(`k${i}`, answer, T0), answer).toBe('ok');
    }
    s.add('k', 'AbTgu', T0);
    expect(s.check('k', 'AbTgx', T0)).toBe('bad');
  });

  it('is single use: a wrong answer consumes the challenge too', () => {
    const s = new CaptchaStore();
    s.add('k1', 'abcde', T0);
    expect(s.check('k1', 'abcdd', T0)).toBe('bad');
    expect(s.check('k1', 'abcde', T0)).toBe('unknown');
    s.add('k2', 'abcde', T0);
    expect(s.check('k2', 'abcdee', T0)).toBe('bad'); // too long
    expect(s.inflight(T0)).toBe(0);
  });

  it('answers unknown for a key it never issued', () => {
    expect(new CaptchaStore().check('nope', 'abcde', T0)).toBe('unknown');
  });

  it('expires at exactly five minutes', () => {
    expect(CAPTCHA_LIFETIME_NS).toBe(300n * SEC);
    const s = new CaptchaStore();
    s.add('a', 'abcde', T0);
    s.add('b', 'abcde', T0);
    expect(s.check('a', 'abcde', T0 + CAPTCHA_LIFETIME_NS - 1n)).toBe('ok');
    expect(s.check('b', 'abcde', T0 + CAPTCHA_LIFETIME_NS)).toBe('expired');
    expect(s.check('b', 'abcde', T0 + CAPTCHA_LIFETIME_NS)).toBe('unknown');
  });

  it('limits unsolved challenges and prunes expired ones to make room', () => {
    expect(DEFAULT_MAX_UNSOLVED).toBe(500);
    const s = new CaptchaStore(3);
    s.add('a', 'aaaaa', T0);
    s.add('b', 'bbbbb', T0 + 10n * SEC);
    s.add('c', 'ccccc', T0 + 20n * SEC);
    let err: unknown;
    try {
      s.add('d', 'ddddd', T0 + 30n * SEC);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TooManyInflightCaptchasError);
    expect((err as TooManyInflightCaptchasError).limit).toBe(3);
    expect(s.inflight(T0 + 30n * SEC)).toBe(3);

    // 'a' expires; only it is pruned, so exactly one new challenge fits.
    const later = T0 + CAPTCHA_LIFETIME_NS;
    s.add('d', 'ddddd', later);
    expect(() => s.add('e', 'eeeee', later)).toThrow(TooManyInflightCaptchasError);
    expect(s.check('a', 'aaaaa', later)).toBe('unknown'); // pruned
    expect(s.check('b', 'bbbbb', later)).toBe('ok');
    s.add('e', 'eeeee', later); // 'b' was consumed, so there is room again
    expect(s.inflight(later)).toBe(3);
  });

  it('counts only live challenges in inflight()', () => {
    const s = new CaptchaStore();
    for (let i = 0; i < 10; i++) s.add(`k${i}`, 'abcde', T0 + BigInt(i) * 60n * SEC);
    expect(s.inflight(T0)).toBe(10);
    // At T0 + 5 min, k0 has expired; at T0 + 9 min, k0..k4.
    expect(s.inflight(T0 + 5n * 60n * SEC)).toBe(9);
    expect(s.inflight(T0 + 9n * 60n * SEC)).toBe(5);
    expect(s.prune(T0 + 100n * 60n * SEC)).toBe(5);
  });

  it('honours a configured limit, including zero', () => {
    const s = new CaptchaStore(0);
    expect(() => s.add('a', 'abcde', T0)).toThrow(TooManyInflightCaptchasError);
    s.setMaxUnsolved(1);
    s.add('a', 'abcde', T0);
    expect(s.maxUnsolved).toBe(1);
    expect(() => new CaptchaStore(-1)).toThrow(RangeError);
    expect(() => s.setMaxUnsolved(1.5)).toThrow(RangeError);
  });

  it('refuses a live duplicate key but reuses an expired one', () => {
    const s = new CaptchaStore();
    s.add('k', 'aaaaa', T0);
    expect(() => s.add('k', 'bbbbb', T0 + SEC)).toThrow(DuplicateChallengeKeyError);
    expect(s.check('k', 'aaaaa', T0 + SEC)).toBe('ok');
    s.add('k', 'aaaaa', T0);
    s.add('k', 'bbbbb', T0 + CAPTCHA_LIFETIME_NS);
    expect(s.check('k', 'bbbbb', T0 + CAPTCHA_LIFETIME_NS)).toBe('ok');
  });
});
