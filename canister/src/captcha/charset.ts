// The challenge alphabet and the normalisation of user answers, following II's
// `captcha.rs`: characters people mix up are mapped to one representative, the
// challenge only ever shows representatives, and the comparison is otherwise exact
// (case-sensitive for every character not in the table).
import { utf8ByteLength } from '../bytes.js';
import { FONT_CHARS } from './font.js';

/** Number of characters in a challenge (II `CAPTCHA_LENGTH`). */
export const CAPTCHA_LENGTH = 5;

/**
 * Representative → every character a user may type for it (the representative
 * included), as in II's `CHAR_REPLACEMENTS`.
 */
export const CHAR_REPLACEMENTS: Readonly<Record<string, readonly string[]>> = {
  c: ['c', 'C'],
  i: ['1', 'i', 'l', 'I', 'j'],
  s: ['s', 'S'],
  x: ['x', 'X'],
  y: ['y', 'Y'],
  z: ['z', 'Z'],
  p: ['p', 'P'],
  w: ['w', 'W'],
};

const REPLACEMENT_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(CHAR_REPLACEMENTS).flatMap(([to, from]) => from.map((f) => [f, to] as const)),
);

/**
 * The characters a challenge is drawn from: the font's characters minus every
 * replaced character, plus the representatives (II's derivation). So every challenge
 * character is a fixed point of `normalizeAnswer`.
 */
export const CHALLENGE_CHARSET: readonly string[] = [
  ...FONT_CHARS.filter((ch) => !REPLACEMENT_OF.has(ch)),
  ...Object.keys(CHAR_REPLACEMENTS),
];

/** The single character of the "dummy captcha" build (II `dummy_captcha` feature). */
export const DUMMY_CAPTCHA_CHARS = 'a';

/**
 * Normalises a user's attempt: look-alikes are replaced by their representative.
 * Returns null for an attempt longer than CAPTCHA_LENGTH. Like II, the length is
 * counted in UTF-8 bytes (Rust `String::len`), which also bounds the work done on
 * hostile input before anything is allocated per character.
 */
export function normalizeAnswer(input: string): string | null {
  if (input.length > CAPTCHA_LENGTH || utf8ByteLength(input) > CAPTCHA_LENGTH) return null;
  let out = '';
  for (const ch of input) out += REPLACEMENT_OF.get(ch) ?? ch;
  return out;
}
