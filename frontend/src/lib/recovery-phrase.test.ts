import { Ed25519KeyIdentity } from '@dfinity/identity';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import {
  deriveEd25519,
  formatPhrase,
  generateRecoveryPhrase,
  identityFromPhrase,
  parseLoginPhrase,
  parsePhrase,
  phraseToSeed,
  RecoveryPhraseError,
} from './recovery-phrase.js';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (h) => parseInt(h, 16));
const ABANDON_24 = `${'abandon '.repeat(23)}art`;

describe('SLIP-0010 ed25519, published test vector 1 (seed 000102…0f)', () => {
  const seed = hex('000102030405060708090a0b0c0d0e0f');
  // Path indexes are given unhardened: the derivation hardens every one (ed25519 has no other kind).
  const vectors: Array<[number[], string, string, string]> = [
    [
      [],
      '90046a93de5380a72b5e45010748567d5ea02bbf6522f979e05c0d8d8ca9fffb',
      '2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7',
      'a4b2856bfec510abab89753fac1ac0e1112364e7d250545963f135f2a33188ed',
    ],
    [
      [0],
      '8b59aa11380b624e81507a27fedda59fea6d0b779a778918a2fd3590e16e9c69',
      '68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3',
      '8c8a13df77a28f3445213a0f432fde644acaa215fc72dcdf300d5efaa85d350c',
    ],
    [
      [0, 1],
      'a320425f77d1b5c2505a6b1b27382b37368ee640e3557c315416801243552f14',
      'b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2',
      '1932a5270f335bed617d5b935c80aedb1a35bd9fc1e31acafd5372c30f5c1187',
    ],
    [
      [0, 1, 2],
      '2e69929e00b5ab250f49c3fb1c12f252de4fed2c1db88387094a0f8c4c9ccd6c',
      '92a5b23c0b8a99e37d07df3fb9966917f5d06e02ddbd909c7e184371463e9fc9',
      'ae98736566d30ed0e9d2f4486a64bc95740d89c7db33f52121f8ea8f76ff0fc1',
    ],
    [
      [0, 1, 2, 2],
      '8f6d87f93d750e0efccda017d662a1b31a266e4a6f5993b15f5c1f07f74dd5cc',
      '30d1dc7e5fc04c31219ab25a27ae00b50f6fd66622f6e9c913253d6511d1e662',
      '8abae2d66361c879b900d204ad2cc4984fa2aa344dd7ddc46007329ac76c429c',
    ],
    [
      [0, 1, 2, 2, 1000000000],
      '68789923a0cac2cd5a29172a475fe9e0fb14cd6adb5ad98a3fa70333e7afa230',
      '8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793',
      '3c24da049451555d51a7014a37337aa4e12d41e485abccfa46b47dfb2af54b7a',
    ],
  ];
  for (const [path, chainCode, priv, pub] of vectors) {
    it(`m${path.map((i) => `/${i}'`).join('')}`, () => {
      const node = deriveEd25519(seed, path);
      expect(toHex(node.chainCode)).toBe(chainCode);
      expect(toHex(node.key)).toBe(priv);
      // The public key through the same path the app uses (the identity's raw key).
      const id = identityFromSecret(node.key);
      expect(toHex(id)).toBe(pub);
    });
  }
  it('rejects indexes that cannot be hardened', () => {
    expect(() => deriveEd25519(seed, [0x80000000])).toThrow(RangeError);
    expect(() => deriveEd25519(seed, [-1])).toThrow(RangeError);
  });
});

/** The raw public key of the identity the app builds from a secret (DER = 12-byte prefix || key). */
function identityFromSecret(key: Uint8Array): Uint8Array {
  return new Uint8Array(Ed25519KeyIdentity.fromSecretKey(key).getPublicKey().toDer()).slice(12);
}

describe('BIP-39 seeds, published vectors (passphrase "TREZOR"), and the empty passphrase', () => {
  it('matches the vectors', () => {
    expect(toHex(phraseToSeed(`${'abandon '.repeat(11)}about`, 'TREZOR'))).toBe(
      'c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04',
    );
    expect(toHex(phraseToSeed(ABANDON_24, 'TREZOR'))).toBe(
      'bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8',
    );
    expect(toHex(phraseToSeed(`${'abandon '.repeat(11)}about`))).toBe(
      '5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4',
    );
  });
});

describe('recovery phrases', () => {
  it('generates 24 valid, distinct words', () => {
    const a = generateRecoveryPhrase();
    expect(a.split(' ')).toHaveLength(24);
    expect(parsePhrase(a).words).toBe(a);
    expect(generateRecoveryPhrase()).not.toBe(a);
  });

  it("derives the identity at m/44'/223'/0'/0'/0' of the empty-passphrase seed", () => {
    const id = identityFromPhrase(ABANDON_24);
    const expected = deriveEd25519(phraseToSeed(ABANDON_24), [44, 223, 0, 0, 0]).key;
    expect(toHex(new Uint8Array(id.getKeyPair().secretKey).slice(0, 32))).toBe(toHex(expected));
    // Deterministic, and different paths give different keys.
    expect(identityFromPhrase(`  ${ABANDON_24.toUpperCase()} `).getPrincipal().toText()).toBe(
      id.getPrincipal().toText(),
    );
    expect(toHex(deriveEd25519(phraseToSeed(ABANDON_24), [44, 223, 0, 0, 1]).key)).not.toBe(
      toHex(expected),
    );
  });

  it('formats and parses "<anchor> <words>" tolerantly', () => {
    const words = generateRecoveryPhrase();
    const shown = formatPhrase(10_042n, words);
    expect(shown).toBe(`10042 ${words}`);
    expect(parsePhrase(shown)).toEqual({ anchor: 10_042n, words });
    const messy = `\n 10042\t${words.toUpperCase().split(' ').join('   ')}  \n`;
    expect(parsePhrase(messy)).toEqual({ anchor: 10_042n, words });
    expect(parsePhrase(words)).toEqual({ words });
  });

  it('reports the bad word, the wrong count and a failed checksum', () => {
    const bad = (t: string) => {
      try {
        parsePhrase(t);
      } catch (e) {
        expect(e).toBeInstanceOf(RecoveryPhraseError);
        return e as RecoveryPhraseError;
      }
      throw new Error('expected a RecoveryPhraseError');
    };
    expect(bad('   ').code).toBe('phrase_empty');
    expect(bad('10000').code).toBe('phrase_empty');
    const unknown = bad(`10000 ${'abandon '.repeat(5)}abandonn ${'abandon '.repeat(17)}art`);
    expect(unknown.code).toBe('phrase_unknown_word');
    expect(unknown.word).toEqual({ text: 'abandonn', position: 6 });
    expect(bad('abandon abandon art').code).toBe('phrase_word_count');
    // Valid words, wrong last word: only the checksum catches it.
    expect(bad(`${'abandon '.repeat(23)}about`).code).toBe('phrase_checksum');
  });

  it('says precisely what is wrong, in words the user can act on', () => {
    const message = (t: string) => {
      try {
        parsePhrase(t);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected a RecoveryPhraseError');
    };
    const words = ABANDON_24.split(' ');
    const typo = [...words.slice(0, 2), 'abandn', ...words.slice(3)].join(' ');
    expect(message(`10000 ${typo}`)).toBe(
      '"abandn" (word 3) is not a recovery phrase word. Did you mean "abandon"?',
    );
    expect(message(`10000 ${words.slice(0, 2).join(' ')} xyzzy`)).toBe(
      '"xyzzy" (word 3) is not a recovery phrase word.',
    );
    expect(message(`10000 ${words.slice(1).join(' ')}`)).toBe(
      'A recovery phrase has 24 words after the anchor number; this one has 23.',
    );
    expect(message(`10000 ${'abandon '.repeat(23)}about`)).toMatch(
      /^Every word is a recovery phrase word, but together they are not a valid phrase/,
    );
    expect(message(`${ABANDON_24} 10000`)).toBe(
      'The anchor number (10000) must come first, before the words.',
    );
    expect(message(`10000abandon ${words.slice(1).join(' ')}`)).toBe(
      'Put a space between the anchor number and the first word ("10000abandon").',
    );
    expect(message(`${2n ** 64n} ${ABANDON_24}`)).toBe(
      '18446744073709551616 is too large to be an anchor number.',
    );
  });

  it('needs the anchor number to log in', () => {
    expect(parseLoginPhrase(`10042 ${ABANDON_24}`)).toEqual({ anchor: 10_042n, words: ABANDON_24 });
    let error: unknown;
    try {
      parseLoginPhrase(ABANDON_24);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecoveryPhraseError);
    expect((error as RecoveryPhraseError).code).toBe('phrase_no_anchor');
    expect((error as Error).message).toMatch(/^A recovery phrase starts with the anchor number/);
  });
});
