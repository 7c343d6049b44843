import { Principal } from '@dfinity/principal';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cannedHttpCanister } from './canned-http-canister.test-support.js';
import { makeRootKey } from './forge-certificate.test-support.js';
import { gatewayPlugin } from './plugin.js';
import type { GatewayBackend } from './types.js';

const ID = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
const NOW = 1_750_000_000_000_000_000n;
const key = makeRootKey();
const canister = cannedHttpCanister({ key, canisterId: ID, certTimeNs: NOW });
const seen: { method: string; arg: Uint8Array }[] = [];
const backend: GatewayBackend = {
  query: async (_id, method, arg) => {
    seen.push({ method, arg });
    return canister.query(method, arg);
  },
  update: async (_id, method, arg) => canister.update(method, arg),
  canisterExists: (id) => id.toText() === ID.toText(),
  rootKeyDer: key.der,
  now: () => NOW,
};

const app = Fastify();
beforeAll(async () => {
  // Like the lead's server: /api routes next to the gateway, with the default JSON parser.
  app.post('/api/v2/status', async (req) => ({ api: true, body: req.body }));
  await app.register(gatewayPlugin, { backend, aliases: { 'identity.ic0.app': ID.toText() } });
  await app.ready();
});
afterAll(() => app.close());

describe('gatewayPlugin', () => {
  it('serves a verified asset by <id>.localhost host', async () => {
    const res = await app.inject({
      url: '/hello.txt',
      headers: { host: `${ID.toText()}.localhost:4943` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('hello from http_fixture');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['ic-certificate']).toMatch(/^certificate=:/);
  });

  it('serves by alias and by ?canisterId=', async () => {
    expect((await app.inject({ url: '/', headers: { host: 'identity.ic0.app' } })).body).toContain(
      'certified index',
    );
    expect(
      (
        await app.inject({
          url: `/hello.txt?canisterId=${ID.toText()}`,
          headers: { host: '127.0.0.1:4943' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a tampered body with 500 but serves it on the raw host', async () => {
    const bad = await app.inject({ url: '/tampered', headers: { host: `${ID.toText()}.ic0.app` } });
    expect(bad.statusCode).toBe(500);
    expect(bad.body).toContain('Response verification failed');
    const raw = await app.inject({
      url: '/tampered',
      headers: { host: `${ID.toText()}.raw.ic0.app` },
    });
    expect(raw.statusCode).toBe(200);
    expect(raw.body).toBe('a body nobody certified');
  });

  it('answers 400 without a resolvable canister and 404 for an unknown one', async () => {
    expect((await app.inject({ url: '/', headers: { host: 'localhost' } })).statusCode).toBe(400);
    expect(
      (await app.inject({ url: '/', headers: { host: 'ryjl3-tyaaa-aaaaa-aaaba-cai.localhost' } }))
        .statusCode,
    ).toBe(404);
  });

  it('passes request bodies of any content type as raw bytes, and keeps /api routes and their parsers', async () => {
    seen.length = 0;
    const res = await app.inject({
      method: 'POST',
      url: '/upgrade',
      headers: { host: `${ID.toText()}.localhost`, 'content-type': 'application/json' },
      payload: '{"not":"parsed"}',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('updated: POST /upgrade');
    expect(Buffer.from(seen[0].arg).includes(Buffer.from('{"not":"parsed"}'))).toBe(true);
    const api = await app.inject({ method: 'POST', url: '/api/v2/status', payload: { a: 1 } });
    expect(api.json()).toEqual({ api: true, body: { a: 1 } });
  });
});
