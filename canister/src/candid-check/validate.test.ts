import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as C from '../candid.js';
import { type CandidErrorCode, CandidError, validateCandidMessage } from './validate.js';

const enc = (types: IDL.Type[], values: unknown[]) => new Uint8Array(IDL.encode(types, values));
const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s/g, ''), 'hex'));

function codeOf(bytes: Uint8Array): CandidErrorCode | 'ok' {
  try {
    validateCandidMessage(bytes);
    return 'ok';
  } catch (e) {
    if (e instanceof CandidError) return e.code;
    throw e;
  }
}

const device: C.DeviceDataT = {
  pubkey: new Uint8Array(32).fill(7),
  alias: 'laptop',
  credential_id: [new Uint8Array(20).fill(1)],
  aaguid: [],
  purpose: { authentication: null },
  key_type: { platform: null },
  protection: { unprotected: null },
  origin: ['https://identity.ic0.app'],
  metadata: [[['usage', { string: 'passkey' }]]],
};

describe('validateCandidMessage accepts what agent-js encodes', () => {
  it('for every method argument this canister takes', () => {
    const samples: Array<[IDL.Type[], unknown[]]> = [
      [C.serviceMethods.add.argTypes, [10_000n, device]],
      [C.serviceMethods.lookup.argTypes, [10_000n]],
      [C.serviceMethods.get_principal.argTypes, [10_000n, 'https://dapp.example']],
      [C.serviceMethods.prepare_delegation.argTypes, [1n, 'https://a.b', new Uint8Array(44), [5n]]],
      [
        C.serviceMethods.register.argTypes,
        [device, { key: 'k', chars: 'abc' }, [Principal.anonymous()]],
      ],
      [
        C.serviceMethods.http_request.argTypes,
        [
          {
            method: 'GET',
            url: '/',
            headers: [['a', 'b']],
            body: new Uint8Array(3),
            certificate_version: [2],
          },
        ],
      ],
      [C.serviceMethods.stats.argTypes, []],
    ];
    for (const [types, values] of samples) expect(codeOf(enc(types, values))).toBe('ok');
  });

  it('for arbitrary values of arbitrary types, and refuses every truncation and any extra byte', () => {
    const leaf = fc.constantFrom<[IDL.Type, fc.Arbitrary<unknown>]>(
      [IDL.Nat, fc.bigInt({ min: 0n, max: 2n ** 200n })],
      [IDL.Int, fc.bigInt({ min: -(2n ** 100n), max: 2n ** 100n })],
      [IDL.Nat8, fc.integer({ min: 0, max: 255 })],
      [IDL.Nat64, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })],
      [IDL.Int32, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })],
      [IDL.Float64, fc.double({ noNaN: true })],
      [IDL.Bool, fc.boolean()],
      [IDL.Text, fc.string({ unit: 'grapheme', maxLength: 20 })],
      [IDL.Null, fc.constant(null)],
      [IDL.Reserved, fc.constant(null)],
      [IDL.Principal, fc.uint8Array({ maxLength: 29 }).map((b) => Principal.fromUint8Array(b))],
      [IDL.Vec(IDL.Nat8), fc.uint8Array({ maxLength: 40 })],
    );
    const typed = leaf.chain(([t, arb]) =>
      fc.oneof(
        arb.map((v) => [t, v] as const),
        fc
          .option(arb, { nil: undefined })
          .map((v) => [IDL.Opt(t), v === undefined ? [] : [v]] as const),
        fc.array(arb, { maxLength: 5 }).map((v) => [IDL.Vec(t), v] as const),
        arb.map((v) => [IDL.Record({ a: t, b: IDL.Text }), { a: v, b: 'x' }] as const),
        arb.map((v) => [IDL.Variant({ x: IDL.Null, y: t }), { y: v }] as const),
      ),
    );
    fc.assert(
      fc.property(fc.array(typed, { maxLength: 3 }), (args) => {
        const bytes = enc(
          args.map(([t]) => t),
          args.map(([, v]) => v),
        );
        expect(codeOf(bytes)).toBe('ok');
        for (let cut = 1; cut < bytes.length - 6; cut++)
          expect(codeOf(bytes.subarray(0, bytes.length - cut))).not.toBe('ok');
        expect(codeOf(new Uint8Array([...bytes, 0]))).toBe('II_ERR_CANDID_TRAILING');
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});

describe('validateCandidMessage refuses what the lenient decoder accepted', () => {
  it('a blob whose declared length runs past the end (the decoder returned it shorter)', () => {
    const full = enc(C.serviceMethods.add.argTypes, [10_000n, device]);
    const truncated = full.subarray(0, full.length - 14);
    // The decoder Azle runs takes it, with a 6-byte credential id instead of 20.
    const [, decoded] = IDL.decode(C.serviceMethods.add.argTypes, truncated) as [
      bigint,
      C.DeviceDataT,
    ];
    expect(decoded.credential_id[0]).toHaveLength(6);
    expect(codeOf(truncated)).toBe('II_ERR_CANDID_TRUNCATED');
  });

  it('a vec reserved of 2^32 - 1 elements, before reading one (the decoder loops over them)', () => {
    // DIDL, one type: vec reserved; one argument of that type; length 0xffffffff.
    const bomb = hex('4449444c 01 6d 70 01 00 ffffffff0f');
    expect(codeOf(bomb)).toBe('II_ERR_CANDID_COST');
  });

  it('opt nested deeper than the limit', () => {
    let t: IDL.Type = IDL.Null;
    let v: unknown = null;
    for (let i = 0; i < 70; i++) {
      t = IDL.Opt(t);
      v = [v];
    }
    expect(codeOf(enc([t], [v]))).toBe('II_ERR_CANDID_DEPTH');
  });
});

describe('validateCandidMessage checks the binary format', () => {
  const cases: Array<[string, string, CandidErrorCode]> = [
    ['no magic', '4449444d 00 00', 'II_ERR_CANDID_MAGIC'],
    ['empty message', '', 'II_ERR_CANDID_TRUNCATED'],
    ['bool 2', '4449444c 00 01 7e 02', 'II_ERR_CANDID_VALUE'],
    ['invalid UTF-8 text', '4449444c 00 01 71 02 c328', 'II_ERR_CANDID_TEXT'],
    ['overlong UTF-8 (a / as c0 af)', '4449444c 00 01 71 02 c0af', 'II_ERR_CANDID_TEXT'],
    ['UTF-16 surrogate in UTF-8', '4449444c 00 01 71 03 eda080', 'II_ERR_CANDID_TEXT'],
    ['opt tag 2', '4449444c 01 6e 7f 01 00 02', 'II_ERR_CANDID_VALUE'],
    ['variant index out of range', '4449444c 01 6b 01 00 7f 01 00 01', 'II_ERR_CANDID_VALUE'],
    [
      'a principal of 30 bytes',
      `4449444c 00 01 68 01 1e ${'00'.repeat(30)}`,
      'II_ERR_CANDID_VALUE',
    ],
    ['an opaque principal', '4449444c 00 01 68 00', 'II_ERR_CANDID_VALUE'],
    ['a value of type empty', '4449444c 00 01 6f', 'II_ERR_CANDID_VALUE'],
    ['a type index out of range', '4449444c 01 6e 05 01 00 00', 'II_ERR_CANDID_TYPE'],
    [
      'record field ids not increasing',
      '4449444c 01 6c 02 01 7f 01 7f 01 00',
      'II_ERR_CANDID_TYPE',
    ],
    ['an unknown type code in the table', '4449444c 01 60 01 00', 'II_ERR_CANDID_TYPE'],
    ['a primitive in the table', '4449444c 01 7f 01 00', 'II_ERR_CANDID_TYPE'],
    ['an argument of a composite code', '4449444c 00 01 6e', 'II_ERR_CANDID_TYPE'],
    ['a LEB128 length of 10 bytes', '4449444c 00 01 71 ffffffffffffffffff01', 'II_ERR_CANDID_LEB'],
    ['a nat64 cut short', '4449444c 00 01 78 0102', 'II_ERR_CANDID_TRUNCATED'],
  ];
  for (const [name, bytes, code] of cases) {
    it(`refuses ${name}`, () => expect(codeOf(hex(bytes))).toBe(code));
  }

  it('accepts `()` and ignores nothing: two arguments where one is expected still validate', () => {
    expect(codeOf(hex('4449444c 00 00'))).toBe('ok');
    expect(codeOf(enc([IDL.Nat64, IDL.Text], [1n, 'x']))).toBe('ok');
  });
});
