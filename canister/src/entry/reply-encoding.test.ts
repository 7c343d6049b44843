import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';
import { serviceMethods } from '../candid.js';
import { ReplyEncoder } from './reply-encoding.js';

const HttpResponse = serviceMethods.http_request.retTypes;

describe('ReplyEncoder', () => {
  it('writes the bytes IDL.encode writes, for a reply with nested and optional types', () => {
    const response = {
      status_code: 200,
      headers: [
        ['Content-Type', 'text/html; charset=utf-8'],
        ['IC-Certificate', 'certificate=:AAEC:, tree=:2dn3:, version=2'],
        ['Content-Security-Policy', "default-src 'none'; émoji 🔑"],
      ],
      body: new Uint8Array([1, 2, 3, 250]),
      upgrade: [],
      streaming_strategy: [],
    };
    const encoder = new ReplyEncoder(HttpResponse);
    const expected = new Uint8Array(IDL.encode(HttpResponse, [response]));
    expect(encoder.encode([response])).toEqual(expected);
    // The type table is reused: a second, different reply is still exact.
    const other = { ...response, status_code: 404, headers: [], body: new Uint8Array(0) };
    expect(encoder.encode([other])).toEqual(new Uint8Array(IDL.encode(HttpResponse, [other])));
  });

  it('handles no values and several values like IDL.encode', () => {
    expect(new ReplyEncoder([]).encode([])).toEqual(new Uint8Array(IDL.encode([], [])));
    const types = [IDL.Vec(IDL.Nat8), IDL.Nat64, IDL.Opt(IDL.Principal)];
    const values = [new Uint8Array([9]), 7n, []];
    expect(new ReplyEncoder(types).encode(values)).toEqual(
      new Uint8Array(IDL.encode(types, values)),
    );
  });

  it('refuses a value of the wrong type, as IDL.encode does', () => {
    const encoder = new ReplyEncoder([IDL.Record({ n: IDL.Nat64 })]);
    expect(() => encoder.encode([{ n: 'seven' }])).toThrow(/Invalid/);
    expect(() => encoder.encode([])).toThrow(/Wrong number/);
  });
});
