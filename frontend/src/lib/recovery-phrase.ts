/**
 * Recovery phrases (as the official II makes them): a 24-word BIP-39 mnemonic whose seed
 * (empty passphrase) is derived with SLIP-0010 Ed25519 along m/44'/223'/0'/0'/0'. The result is
 * the Ed25519 key registered as the anchor's `seed_phrase` device. The phrase is shown as
 * "<anchor> <words>" so the user keeps the number with it.
 */
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { hmac } from '@noble/hashes/hmac';
import { sha512 } from '@noble/hashes/sha2';
import { generateMnemonic, mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { FrontendError, type FrontendErrorCode } from './errors.js';

/** 44' (BIP-44) / 223' (ICP's coin type) / 0' / 0' / 0'. */
export const IC_DERIVATION_PATH = [44, 223, 0, 0, 0] as const;
const HARDENED = 0x80000000;
const WORDS = new Set(wordlist);

/** What is wrong with a phrase: the `phrase_*` codes of `FRONTEND_ERRORS`. */
export type RecoveryPhraseCode = Extract<FrontendErrorCode, `phrase_${string}`>;

/** Its message is written for the user and says precisely what is wrong. */
export class RecoveryPhraseError extends FrontendError {
  override name = 'RecoveryPhraseError';
  constructor(
    override readonly code: RecoveryPhraseCode,
    message: string,
    /** For `phrase_unknown_word`: the offending word and its 1-based position. */
    readonly word?: { text: string; position: number },
  ) {
    super(code, undefined, undefined, message);
  }
}

/** A new 24-word phrase (256 bits of entropy from the platform CSPRNG). */
export function generateRecoveryPhrase(): string {
  return generateMnemonic(wordlist, 256);
}

/** BIP-39 seed (PBKDF2-HMAC-SHA512, 2048 rounds); II uses the empty passphrase. */
export function phraseToSeed(words: string, passphrase = ''): Uint8Array {
  return mnemonicToSeedSync(words, passphrase);
}

export interface Slip10Node {
  key: Uint8Array;
  chainCode: Uint8Array;
}

/** SLIP-0010 for Ed25519: only hardened children exist, so every index gets the hardened bit. */
export function deriveEd25519(seed: Uint8Array, path: readonly number[]): Slip10Node {
  const split = (i: Uint8Array): Slip10Node => ({ key: i.slice(0, 32), chainCode: i.slice(32) });
  let node = split(hmac(sha512, new TextEncoder().encode('ed25519 seed'), seed));
  for (const index of path) {
    if (!Number.isInteger(index) || index < 0 || index >= HARDENED)
      throw new RangeError(`SLIP-0010 index out of range: ${index}`);
    const data = new Uint8Array(37); // 0x00 || key || ser32(index | 2^31)
    data.set(node.key, 1);
    new DataView(data.buffer).setUint32(33, (index | HARDENED) >>> 0);
    node = split(hmac(sha512, node.chainCode, data));
  }
  return node;
}

/** The recovery-phrase device's identity. `words` must be a valid phrase (see `parsePhrase`). */
export function identityFromPhrase(words: string): Ed25519KeyIdentity {
  const { key } = deriveEd25519(phraseToSeed(normalizeWords(words)), IC_DERIVATION_PATH);
  return Ed25519KeyIdentity.fromSecretKey(key);
}

/** What the user writes down: the anchor number, then the words. */
export function formatPhrase(anchor: bigint, words: string): string {
  return `${anchor} ${normalizeWords(words)}`;
}

function normalizeWords(text: string): string {
  return text.trim().toLowerCase().split(/\s+/).join(' ');
}

/** The wordlist word a typo most likely meant: BIP-39 words are unique in their first 4 letters. */
function suggestion(typed: string): string | undefined {
  if (typed.length < 3) return undefined;
  const byPrefix = wordlist.filter((w) => w.startsWith(typed.slice(0, 4)));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

/**
 * Reads what the user typed or pasted: an optional leading anchor number, then the words, with
 * any whitespace and case. Throws `RecoveryPhraseError` with a message saying precisely what is
 * wrong (the user sees it): a misplaced or glued anchor number, the first unknown word (and the
 * word it probably is), a wrong word count, or a failed checksum (a mistyped but valid word).
 */
export function parsePhrase(text: string): { anchor?: bigint; words: string } {
  const tokens = normalizeWords(text).split(' ').filter(Boolean);
  let anchor: bigint | undefined;
  if (tokens.length > 0 && /^\d+$/.test(tokens[0])) {
    anchor = BigInt(tokens.shift()!);
    if (anchor >= 2n ** 64n)
      throw new RecoveryPhraseError(
        'phrase_bad_anchor',
        `${anchor} is too large to be an anchor number.`,
      );
  }
  if (tokens.length > 0 && /^\d+[a-z]+$/.test(tokens[0])) {
    throw new RecoveryPhraseError(
      'phrase_anchor_position',
      `Put a space between the anchor number and the first word ("${tokens[0]}").`,
    );
  }
  if (tokens.length === 0)
    throw new RecoveryPhraseError('phrase_empty', 'Enter your recovery phrase.');
  const number = tokens.findIndex((w) => /^\d+$/.test(w));
  if (number >= 0) {
    throw new RecoveryPhraseError(
      'phrase_anchor_position',
      anchor === undefined
        ? `The anchor number (${tokens[number]}) must come first, before the words.`
        : `"${tokens[number]}" (word ${number + 1}) is a number: only the anchor number, at the start, is one.`,
    );
  }
  const bad = tokens.findIndex((w) => !WORDS.has(w));
  if (bad >= 0) {
    const meant = suggestion(tokens[bad]);
    throw new RecoveryPhraseError(
      'phrase_unknown_word',
      `"${tokens[bad]}" (word ${bad + 1}) is not a recovery phrase word.` +
        (meant ? ` Did you mean "${meant}"?` : ''),
      { text: tokens[bad], position: bad + 1 },
    );
  }
  if (![12, 15, 18, 21, 24].includes(tokens.length)) {
    throw new RecoveryPhraseError(
      'phrase_word_count',
      `A recovery phrase has 24 words after the anchor number; this one has ${tokens.length}.`,
    );
  }
  const words = tokens.join(' ');
  if (!validateMnemonic(words, wordlist)) {
    throw new RecoveryPhraseError(
      'phrase_checksum',
      'Every word is a recovery phrase word, but together they are not a valid phrase: one is mistyped (but still a valid word) or two are swapped. Check them against what you wrote down.',
    );
  }
  return anchor === undefined ? { words } : { anchor, words };
}

/** `parsePhrase` for logging in: the anchor number is required (it says which identity). */
export function parseLoginPhrase(text: string): { anchor: bigint; words: string } {
  const parsed = parsePhrase(text);
  if (parsed.anchor === undefined) {
    throw new RecoveryPhraseError(
      'phrase_no_anchor',
      'A recovery phrase starts with the anchor number, e.g. "10000 abandon ability …". Add your anchor number before the words.',
    );
  }
  return { anchor: parsed.anchor, words: parsed.words };
}
