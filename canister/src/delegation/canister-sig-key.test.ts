import { Principal } from '@dfinity/principal';
import fc from 'fast-check';
import { selfAuthenticatingPrincipal } from '../principal.js';
import { describe, expect, it } from 'vitest';
import { parseSpki } from '@ii/localnet/testing';
import { asHex } from '../certification/test-support.js';
import {
  CANISTER_SIG_PK_DER_PREFIX_LENGTH,
  canisterSigPublicKeyDer,
  parseCanisterSigPublicKeyDer,
  userPrincipal,
} from './canister-sig-key.js';
import { mainnet } from './test-mainnet-vector.js';

const id = (text: string) => Principal.fromText(text).toUint8Array();

describe('canister-signature public key', () => {
  it('matches the II unit-test vector (rwlgt-iiaaa-aaaaa-aaaaa-cai, seed 2a482c)', () => {
    const der = canisterSigPublicKeyDer(
      id('rwlgt-iiaaa-aaaaa-aaaaa-cai'),
      new Uint8Array([0x2a, 0x48, 0x2c]),
    );
    expect(asHex(der)).toBe('301f300c060a2b0601040183b8430102030f000a000000000000000001012a482c');
  });
  it('rebuilds the real mainnet user key byte for byte, and its principal', () => {
    const parsed = parseCanisterSigPublicKeyDer(mainnet.userKey)!;
    expect(Principal.fromUint8Array(parsed.canisterId).toText()).toBe(mainnet.canisterIdText);
    expect(parsed.seed.length).toBe(32);
    expect(mainnet.userKey.length).toBe(62);
    expect(canisterSigPublicKeyDer(parsed.canisterId, parsed.seed)).toEqual(mainnet.userKey);
    expect(Principal.fromUint8Array(userPrincipal(parsed.canisterId, parsed.seed)).toText()).toBe(
      mainnet.userPrincipalText,
    );
  });
  it('has the 19-byte prefix for short lengths; parses with a strict DER reader for any size', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 29 }),
        fc.uint8Array({ maxLength: 300 }),
        (canisterId, seed) => {
          const der = canisterSigPublicKeyDer(canisterId, seed);
          const spki = parseSpki(der);
          expect(spki.algorithm).toBe('1.3.6.1.4.1.56387.1.2');
          expect(spki.parameters).toBeUndefined();
          expect(spki.key).toEqual(new Uint8Array([canisterId.length, ...canisterId, ...seed]));
          if (der.length < 128)
            expect(der.length).toBe(
              CANISTER_SIG_PK_DER_PREFIX_LENGTH + 1 + canisterId.length + seed.length,
            );
          expect(parseCanisterSigPublicKeyDer(der)).toEqual({ canisterId, seed });
          expect(Principal.fromUint8Array(selfAuthenticatingPrincipal(der)).toText()).toBe(
            Principal.selfAuthenticating(der).toText(),
          );
        },
      ),
    );
  });
  it('parses nothing but canonical canister-signature keys', () => {
    const der = canisterSigPublicKeyDer(id('rdmx6-jaaaa-aaaaa-aaadq-cai'), new Uint8Array(32));
    const badOid = new Uint8Array(der);
    badOid[15] = 0x01; // OID ...1.1 (COSE), not ...1.2
    expect(parseCanisterSigPublicKeyDer(badOid)).toBeUndefined();
    expect(parseCanisterSigPublicKeyDer(der.subarray(0, 40))).toBeUndefined();
    expect(parseCanisterSigPublicKeyDer(new Uint8Array(3))).toBeUndefined();
    expect(() => canisterSigPublicKeyDer(new Uint8Array(30), new Uint8Array(32))).toThrow(
      expect.objectContaining({ code: 'II_ERR_DELEGATION_CANISTER_ID_LENGTH' }),
    );
  });
});
