import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import {
  CandidDecodeError,
  decodeHttpResponse,
  decodeStreamingCallbackResponse,
  encodeHttpRequest,
  encodeHttpUpdateRequest,
  encodeStreamingCallbackArg,
} from './http-request-candid.js';

const H = IDL.Tuple(IDL.Text, IDL.Text);
const req = {
  method: 'POST',
  url: '/x?y=1',
  headers: [['host', 'a.localhost'] as [string, string]],
  body: new Uint8Array([7]),
};

describe('http request candid', () => {
  it('encodes HttpRequest with certificate_version as the spec names it', () => {
    const Req = IDL.Record({
      method: IDL.Text,
      url: IDL.Text,
      headers: IDL.Vec(H),
      body: IDL.Vec(IDL.Nat8),
      certificate_version: IDL.Opt(IDL.Nat16),
    });
    const [decoded] = IDL.decode([Req], encodeHttpRequest(req, 2)) as unknown as [
      Record<string, unknown>,
    ];
    expect(decoded).toMatchObject({
      method: 'POST',
      url: '/x?y=1',
      headers: [['host', 'a.localhost']],
      certificate_version: [2],
    });
    const [v1] = IDL.decode([Req], encodeHttpRequest(req)) as unknown as [Record<string, unknown>];
    expect(v1.certificate_version).toEqual([]);
    const Upd = IDL.Record({
      method: IDL.Text,
      url: IDL.Text,
      headers: IDL.Vec(H),
      body: IDL.Vec(IDL.Nat8),
    });
    expect(IDL.decode([Upd], encodeHttpUpdateRequest(req))[0]).toMatchObject({
      method: 'POST',
      url: '/x?y=1',
    });
  });

  it('decodes a minimal response (no upgrade, no streaming fields)', () => {
    const Min = IDL.Record({
      status_code: IDL.Nat16,
      headers: IDL.Vec(H),
      body: IDL.Vec(IDL.Nat8),
    });
    const r = decodeHttpResponse(
      new Uint8Array(
        IDL.encode([Min], [{ status_code: 204, headers: [['a', 'b']], body: [1, 2] }]),
      ),
    );
    expect(r).toEqual({
      status: 204,
      headers: [['a', 'b']],
      body: Uint8Array.of(1, 2),
      upgrade: false,
      streaming: undefined,
    });
  });

  it('decodes upgrade and an asset-canister streaming strategy, and round-trips its token', () => {
    const Token = IDL.Record({
      key: IDL.Text,
      content_encoding: IDL.Text,
      index: IDL.Nat,
      sha256: IDL.Opt(IDL.Vec(IDL.Nat8)),
    });
    const Cb = IDL.Record({ body: IDL.Vec(IDL.Nat8), token: IDL.Opt(Token) });
    const Resp = IDL.Record({
      status_code: IDL.Nat16,
      headers: IDL.Vec(H),
      body: IDL.Vec(IDL.Nat8),
      upgrade: IDL.Opt(IDL.Bool),
      streaming_strategy: IDL.Opt(
        IDL.Variant({
          Callback: IDL.Record({
            callback: IDL.Func([Token], [IDL.Opt(Cb)], ['query']),
            token: Token,
          }),
        }),
      ),
    });
    const token = { key: '/a', content_encoding: 'gzip', index: 3n, sha256: [] };
    const id = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
    const r = decodeHttpResponse(
      new Uint8Array(
        IDL.encode(
          [Resp],
          [
            {
              status_code: 200,
              headers: [],
              body: [],
              upgrade: [true],
              streaming_strategy: [{ Callback: { callback: [id, 'cb'], token } }],
            },
          ],
        ),
      ),
    );
    expect(r.upgrade).toBe(true);
    expect(r.streaming?.method).toBe('cb');
    expect(r.streaming?.canisterId.toText()).toBe(id.toText());
    expect(IDL.decode([Token], encodeStreamingCallbackArg(r.streaming!))[0]).toEqual(token);
    const next = decodeStreamingCallbackResponse(
      r.streaming!,
      new Uint8Array(IDL.encode([IDL.Opt(Cb)], [[{ body: [9], token: [] }]])),
    );
    expect(next).toEqual({ body: Uint8Array.of(9) });
  });

  it('throws CandidDecodeError for garbage and for a non-HttpResponse', () => {
    expect(() => decodeHttpResponse(Uint8Array.of(1, 2))).toThrow(CandidDecodeError);
    expect(() => decodeHttpResponse(new Uint8Array(IDL.encode([IDL.Text], ['hi'])))).toThrow(
      CandidDecodeError,
    );
  });
});
