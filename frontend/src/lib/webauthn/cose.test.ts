import { describe, expect, it } from 'vitest';
import { decodeCbor, decodeCborItem } from './cbor.js';
import { parseAuthenticatorData } from './cose.js';
import { PasskeyError } from './errors.js';
import { cbor } from './fake-authenticator.test-support.js';

const authData = (
  cose: Uint8Array,
  credId: Uint8Array = new Uint8Array([1, 2, 3]),
  flags = 0x45,
  tail: Uint8Array = new Uint8Array(),
) =>
  new Uint8Array([
    ...new Uint8Array(32),
    flags,
    0,
    0,
    0,
    0,
    ...new Uint8Array(16),
    0,
    credId.length,
    ...credId,
    ...cose,
    ...tail,
  ]);
const ec = cbor([
  [1, 2],
  [3, -7],
  [-1, 1],
  [-2, new Uint8Array(32).fill(1)],
  [-3, new Uint8Array(32).fill(2)],
]);

describe('CBOR reader', () => {
  it('decodes the shapes authenticators use and knows where an item ends', () => {
    const m = decodeCbor(ec) as Map<unknown, unknown>;
    expect(m.get(1)).toBe(2);
    expect(m.get(3)).toBe(-7);
    expect(m.get(-2)).toEqual(new Uint8Array(32).fill(1));
    expect(decodeCbor(cbor([['fmt', 'none']])) as Map<unknown, unknown>).toEqual(
      new Map([['fmt', 'none']]),
    );
    expect(decodeCbor(new Uint8Array([0x39, 0x01, 0x00]))).toBe(-257);
    expect(decodeCbor(new Uint8Array([0xd9, 0xd9, 0xf7, 0x83, 1, 0xf5, 0xf6]))).toEqual([
      1,
      true,
      null,
    ]);
    expect(decodeCborItem(new Uint8Array([0x41, 9, 0xff]), 0)).toEqual({
      value: new Uint8Array([9]),
      end: 2,
    });
    expect(() => decodeCbor(new Uint8Array([0x42, 1]))).toThrow(/truncated/);
    expect(() => decodeCbor(new Uint8Array([1, 2]))).toThrow(/trailing/);
    expect(() => decodeCbor(new Uint8Array([0x9f]))).toThrow(/indefinite/);
  });
});

describe('parseAuthenticatorData', () => {
  it('extracts the credential id and exactly the COSE key, even with extensions after it', () => {
    const r = parseAuthenticatorData(authData(ec, undefined, 0xc5, cbor([['credProtect', 2]])));
    expect(r.credentialId).toEqual(new Uint8Array([1, 2, 3]));
    expect(r.cose).toEqual(ec);
    expect(r.alg).toBe(-7);
  });

  it('rejects missing credential data and keys the IC cannot verify', () => {
    const problem = (d: Uint8Array) => {
      try {
        parseAuthenticatorData(d);
      } catch (e) {
        expect(e).toBeInstanceOf(PasskeyError);
        return (e as PasskeyError).code;
      }
      return 'none';
    };
    expect(problem(authData(ec, undefined, 0x05))).toBe('webauthn_bad_attestation');
    expect(problem(new Uint8Array(40))).toBe('webauthn_bad_attestation');
    expect(problem(authData(new Uint8Array([0x1c])))).toBe('webauthn_bad_attestation');
    const ed25519 = cbor([
      [1, 1],
      [3, -8],
      [-1, 6],
      [-2, new Uint8Array(32)],
    ]);
    expect(problem(authData(ed25519))).toBe('webauthn_unsupported_algorithm');
    const p384 = cbor([
      [1, 2],
      [3, -7],
      [-1, 2],
    ]);
    expect(problem(authData(p384))).toBe('webauthn_unsupported_algorithm');
  });
});
