import { Principal } from '@dfinity/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { cannedHttpCanister, type CannedOptions } from './canned-http-canister.test-support.js';
import { makeRootKey, type TestRootKey } from './forge-certificate.test-support.js';
import { handleCanisterRequest } from './handle-request.js';
import type { GatewayBackend, GatewayRequest } from './types.js';

const CANISTER = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const NOW = 1_750_000_000_000_000_000n;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

let key: TestRootKey;
beforeAll(() => {
  key = makeRootKey();
});

function backend(overrides: Partial<CannedOptions> = {}, rootKeyDer?: Uint8Array) {
  const canister = cannedHttpCanister({ key, canisterId: CANISTER, certTimeNs: NOW, ...overrides });
  const b: GatewayBackend = {
    query: async (id, method, arg) =>
      id.toText() === CANISTER.toText()
        ? canister.query(method, arg)
        : { reject: { code: 3, message: 'no such canister' } },
    update: async (_id, method, arg) => canister.update(method, arg),
    canisterExists: (id) => id.toText() === CANISTER.toText(),
    rootKeyDer: rootKeyDer ?? key.der,
    now: () => NOW + 60_000_000_000n,
  };
  return { b, canister };
}

function get(url: string, headers: [string, string][] = []): GatewayRequest {
  return {
    method: 'GET',
    url,
    headers: [['host', `${CANISTER.toText()}.localhost`], ...headers],
    body: new Uint8Array(),
  };
}

const header = (h: [string, string][], name: string) =>
  h.find(([n]) => n.toLowerCase() === name)?.[1];

describe('handleCanisterRequest', () => {
  it('serves a v2-certified asset with only the certified headers', async () => {
    const { b } = backend();
    const res = await handleCanisterRequest(b, CANISTER, true, get('/hello.txt'));
    expect(res.status).toBe(200);
    expect(text(res.body)).toBe('hello from http_fixture');
    expect(header(res.headers, 'content-type')).toBe('text/plain');
    expect(header(res.headers, 'cache-control')).toBe('no-cache');
    expect(header(res.headers, 'ic-certificateexpression')).toContain('default_certification');
  });

  it('serves the index for / and a query string does not break the v2 path', async () => {
    const { b } = backend();
    const res = await handleCanisterRequest(b, CANISTER, true, get('/?foo=bar'));
    expect(res.status).toBe(200);
    expect(text(res.body)).toContain('certified index');
  });

  it('refuses a body that does not match the certification, without forwarding it', async () => {
    const { b } = backend();
    const res = await handleCanisterRequest(b, CANISTER, true, get('/tampered'));
    expect(res.status).toBe(500);
    expect(text(res.body)).toMatch(/^Response verification failed: /);
    expect(text(res.body)).not.toContain('nobody certified');
  });

  it('serves the same tampered body on a raw host (no verification)', async () => {
    const { b } = backend();
    const res = await handleCanisterRequest(b, CANISTER, false, get('/tampered'));
    expect(res.status).toBe(200);
    expect(text(res.body)).toBe('a body nobody certified');
  });

  it('refuses a certified header changed in transit', async () => {
    const { b } = backend({
      tamper: (_p, headers, body) => ({
        headers: headers.map(([k, v]): [string, string] =>
          k === 'Content-Type' ? [k, 'text/html'] : [k, v],
        ),
        body,
      }),
    });
    const res = await handleCanisterRequest(b, CANISTER, true, get('/hello.txt'));
    expect(res.status).toBe(500);
  });

  it('refuses certificates signed by another root key', async () => {
    const { b } = backend({}, makeRootKey().der);
    const res = await handleCanisterRequest(b, CANISTER, true, get('/hello.txt'));
    expect(res.status).toBe(500);
    expect(text(res.body)).toMatch(/Certificate/i);
  });

  it('refuses a stale certificate (older than 5 minutes)', async () => {
    const { b } = backend({ certTimeNs: NOW - 10n * 60n * 1_000_000_000n });
    const res = await handleCanisterRequest(b, CANISTER, true, get('/hello.txt'));
    expect(res.status).toBe(500);
  });

  it('refuses a response without any certificate', async () => {
    const { b } = backend();
    const res = await handleCanisterRequest(b, CANISTER, true, get('/uncertified'));
    expect(res.status).toBe(500);
    expect(text(res.body)).toContain('verification failed');
  });

  it('upgrades to http_request_update and serves it unverified', async () => {
    const { b, canister } = backend();
    const res = await handleCanisterRequest(b, CANISTER, true, get('/upgrade'));
    expect(res.status).toBe(200);
    expect(text(res.body)).toBe('updated: GET /upgrade');
    expect(canister.calls.map((c) => `${c.kind}:${c.method}`)).toEqual([
      'query:http_request',
      'update:http_request_update',
    ]);
  });

  it('collects a streamed body through the callback and verifies the whole', async () => {
    const { b, canister } = backend();
    const res = await handleCanisterRequest(b, CANISTER, true, get('/stream'));
    expect(res.status).toBe(200);
    expect(text(res.body)).toBe('chunk-0|chunk-1|chunk-2|end');
    expect(canister.calls.filter((c) => c.method === 'http_streaming_callback')).toHaveLength(3);
  });

  it('answers 404 for an unknown canister and passes a missing asset through (uncertified 404 fails verification)', async () => {
    const { b } = backend();
    const other = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
    const res = await handleCanisterRequest(b, other, true, get('/'));
    expect(res.status).toBe(404);
    expect(text(res.body)).toContain('ryjl3-tyaaa-aaaaa-aaaba-cai');
  });

  it('maps a canister reject to 502 and a missing method to 404', async () => {
    const b: GatewayBackend = {
      query: async () => ({ reject: { code: 5, message: 'Canister trapped: boom' } }),
      update: async () => ({ reject: { code: 5, message: 'x' } }),
      canisterExists: () => true,
      rootKeyDer: new Uint8Array(),
      now: () => NOW,
    };
    const res = await handleCanisterRequest(b, CANISTER, true, get('/'));
    expect(res.status).toBe(502);
    expect(text(res.body)).toContain('Canister trapped: boom');
    const res404 = await handleCanisterRequest(
      { ...b, query: async () => ({ reject: { code: 3, message: 'has no query method' } }) },
      CANISTER,
      true,
      get('/'),
    );
    expect(res404.status).toBe(404);
  });

  it('answers 500 when the reply is not an HttpResponse', async () => {
    const b: GatewayBackend = {
      query: async () => ({ reply: new Uint8Array([1, 2, 3]) }),
      update: async () => ({ reply: new Uint8Array() }),
      canisterExists: () => true,
      rootKeyDer: new Uint8Array(),
      now: () => NOW,
    };
    const res = await handleCanisterRequest(b, CANISTER, true, get('/'));
    expect(res.status).toBe(500);
    expect(text(res.body)).toContain('not an HttpResponse');
  });
});
