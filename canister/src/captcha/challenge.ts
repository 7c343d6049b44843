// create_challenge: picks the key and the characters from the caller's random bytes
// and draws them as a base64 PNG (candid `Challenge.png_base64`).
import { toBase64 } from '../bytes.js';
import { CAPTCHA_LENGTH, CHALLENGE_CHARSET, DUMMY_CAPTCHA_CHARS } from './charset.js';
import { encodeGray2BitPng2x } from './png.js';
import { renderCaptcha } from './render.js';
import { HashDrbg, NoiseRng } from './rng.js';

/** Image size of a real challenge (II: 220×120; the frontend's CSS expects it). */
export const CAPTCHA_WIDTH = 220;
export const CAPTCHA_HEIGHT = 120;
/** Image size of the dummy challenge (II `dummy_captcha` feature). */
export const DUMMY_CAPTCHA_WIDTH = 96;
export const DUMMY_CAPTCHA_HEIGHT = 48;
/** II keys: 10 lowercase letters. */
export const CHALLENGE_KEY_LENGTH = 10;
/** At least 256 bits of entropy go in (one raw_rand call gives 32 bytes). */
export const MIN_RANDOM_BYTES = 32;

export interface Challenge {
  /** Candid `challenge_key`. */
  key: string;
  /** The solution; stored with the key, never sent to the client. */
  chars: string;
  /** Candid `png_base64`: standard base64 with padding. */
  pngBase64: string;
}

export interface ChallengeOptions {
  /** Dummy captcha for test builds: always "a", 96×48 (like II_DUMMY_CAPTCHA=1). */
  dummy?: boolean;
}

export function createChallenge(
  random: Uint8Array,
  now: bigint,
  options: ChallengeOptions = {},
): Challenge {
  if (random.length < MIN_RANDOM_BYTES) {
    throw new RangeError(`createChallenge needs ≥ ${MIN_RANDOM_BYTES} random bytes`);
  }
  // The time is mixed in so that reused random bytes still give a fresh key.
  const seed = new Uint8Array(random.length + 8);
  seed.set(random, 0);
  const t = BigInt.asUintN(64, now);
  for (let i = 0; i < 8; i++) seed[random.length + i] = Number((t >> BigInt(56 - 8 * i)) & 0xffn);

  const keyRng = new HashDrbg(seed, 'ii-captcha/key');
  let key = '';
  for (let i = 0; i < CHALLENGE_KEY_LENGTH; i++) key += String.fromCharCode(97 + keyRng.below(26));

  let chars: string;
  if (options.dummy) {
    chars = DUMMY_CAPTCHA_CHARS;
  } else {
    const charRng = new HashDrbg(seed, 'ii-captcha/chars');
    chars = '';
    for (let i = 0; i < CAPTCHA_LENGTH; i++) {
      chars += CHALLENGE_CHARSET[charRng.below(CHALLENGE_CHARSET.length)];
    }
  }

  const noise = new NoiseRng(new HashDrbg(seed, 'ii-captcha/noise').bytes(16));
  const [w, h] = options.dummy
    ? [DUMMY_CAPTCHA_WIDTH, DUMMY_CAPTCHA_HEIGHT]
    : [CAPTCHA_WIDTH, CAPTCHA_HEIGHT];
  // Drawn at half the size and every pixel doubled: the image keeps its size (the page shows it
  // pixelated), the canister draws a quarter of the pixels.
  const [dw, dh] = [w / 2, h / 2];
  const png = encodeGray2BitPng2x(renderCaptcha(chars, noise, dw, dh), dw, dh);
  return { key, chars, pngBase64: toBase64(png) };
}
