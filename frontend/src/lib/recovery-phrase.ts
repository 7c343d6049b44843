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

/** 44' (BIP-44) / 223' (ICP's coin type) / 0' / 0' / 0'. */
export const IC_DERIVATION_PATH = [44, 223, 0, 0, 0] as const;
const HARDENED = 0x80000000;
const WORDS = new Set(wordlist);

export type RecoveryPhraseProblem = 'empty' | 'unknown_word' | 'word_count' | 'checksum';

export class RecoveryPhraseError extends Error {
  override name = 'RecoveryPhraseError';
  constructor(
    readonly problem: RecoveryPhraseProblem,
    message: string,
    /** For `unknown_word`: the offending word and its 1-based position. */
    readonly word?: { text: string; position: number },
  ) {
    super(message);
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

/**
 * Reads what the user typed or pasted: an optional leading anchor number, then the words, with
 * any whitespace and case. Throws `RecoveryPhraseError` naming the first unknown word, a wrong
 * word count, or a failed checksum (a mistyped but valid word).
 */
export function parsePhrase(text: string): { anchor?: bigint; words: string } {
  const tokens = normalizeWords(text).split(' ').filter(Boolean);
  let anchor: bigint | undefined;
  if (tokens.length > 0 && /^\d+$/.test(tokens[0])) anchor = BigInt(tokens.shift()!);
  if (tokens.length === 0) throw new RecoveryPhraseError('empty', 'Enter your recovery phrase.');
  const bad = tokens.findIndex((w) => !WORDS.has(w));
  if (bad >= 0) {
    throw new RecoveryPhraseError(
      'unknown_word',
      `"${tokens[bad]}" (word ${bad + 1}) is not a recovery phrase word.`,
      { text: tokens[bad], position: bad + 1 },
    );
  }
  if (![12, 15, 18, 21, 24].includes(tokens.length)) {
    throw new RecoveryPhraseError(
      'word_count',
      `A recovery phrase has 24 words; this one has ${tokens.length}.`,
    );
  }
  const words = tokens.join(' ');
  if (!validateMnemonic(words, wordlist)) {
    throw new RecoveryPhraseError(
      'checksum',
      'This recovery phrase is not valid: check the words and their order.',
    );
  }
  return anchor === undefined ? { words } : { anchor, words };
}
