// The challenge alphabet and how answers are compared. Users could not tell which case
// was meant, nor tell g from q, u from v, T from t once distorted, so: the comparison
// ignores case, a few look-alikes are accepted for the character they resemble, and a
// challenge only shows characters that cannot be taken for another shown character.
import { utf8ByteLength } from '../bytes.js';

/** Number of characters in a challenge (II `CAPTCHA_LENGTH`). */
export const CAPTCHA_LENGTH = 5;

/**
 * What a challenge is drawn from. Each letter appears in one case only (whichever glyph
 * is least ambiguous in font.ts). Left out: o O 0 and i l I 1 j (mutually confusable),
 * q 9 and y (read as g), v (read as u), 2 5 6 8 (read as z s b B), a e h t in lowercase
 * (shown as A E H T), f (a mirrored t), L (folds to l), R (shown as r), D (read as O),
 * N (shown as n), Y (not drawn).
 */
export const CHALLENGE_CHARSET: readonly string[] = [...'AbcdEFgHkmnprsTuwxz347'];

/**
 * Look-alikes of shown characters (after case folding): representative → what a user
 * may type for it. None of them is ever shown, so accepting them costs nothing.
 */
export const LOOK_ALIKES: Readonly<Record<string, readonly string[]>> = {
  g: ['q', '9', 'y'],
  u: ['v'],
  s: ['5'],
  z: ['2'],
  b: ['6'],
};

const FOLD: ReadonlyMap<string, string> = new Map(
  Object.entries(LOOK_ALIKES).flatMap(([to, from]) => from.map((f) => [f, to] as const)),
);

/** The single character of the "dummy captcha" build (II `dummy_captcha` feature). */
export const DUMMY_CAPTCHA_CHARS = 'a';

/**
 * Normalises an attempt (and a challenge's text, so both sides compare alike): lower
 * case, look-alikes replaced by their representative. Returns null for an attempt
 * longer than CAPTCHA_LENGTH. Like II, the length is counted in UTF-8 bytes (Rust
 * `String::len`), checked before any per-character work on hostile input.
 */
export function normalizeAnswer(input: string): string | null {
  if (input.length > CAPTCHA_LENGTH || utf8ByteLength(input) > CAPTCHA_LENGTH) return null;
  let out = '';
  for (const ch of input) {
    const lower = ch.toLowerCase();
    out += FOLD.get(lower) ?? lower;
  }
  return out;
}
