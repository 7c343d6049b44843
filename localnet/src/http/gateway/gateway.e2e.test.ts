// The gateway in front of the REAL http_fixture wasm run by localnet's replica.
import { request } from 'node:http';
import type { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureWasm } from '../../testing/fixtures.js';

interface Localnet {
  url: string;
  installCanister(
    wasm: Uint8Array,
    opts?: { canisterId?: string; arg?: Uint8Array; controllers?: Principal[] },
  ): Promise<Principal | string>;
  stop(): Promise<void>;
}

// Imported by a computed name so this file type-checks before the replica lands (src/localnet.ts).
const LOCALNET_MODULE = '../../localnet.js';

let net: Localnet;
let id: string;

function get(
  path: string,
  host: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(net.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const { startLocalnet } = (await import(/* @vite-ignore */ LOCALNET_MODULE)) as {
    startLocalnet(opts: { port: number }): Promise<Localnet>;
  };
  net = await startLocalnet({ port: 0 });
  const installed = await net.installCanister(fixtureWasm('http_fixture'));
  id = typeof installed === 'string' ? installed : installed.toText();
});

afterAll(async () => {
  await net?.stop();
});

describe('gateway over the real http_fixture canister', () => {
  it('serves a v2-certified asset verified against the replica root key', async () => {
    const res = await get('/hello.txt', `${id}.localhost`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello from http_fixture');
    expect(String(res.headers['ic-certificate'])).toContain('version=2');
  });

  it('serves the index via ?canisterId= on a plain host', async () => {
    const res = await get(`/?canisterId=${id}`, 'localhost');
    expect(res.status).toBe(200);
    expect(res.body).toContain('certified index');
  });

  it('refuses the tampered asset, serves it on the raw host', async () => {
    const bad = await get('/tampered', `${id}.localhost`);
    expect(bad.status).toBe(500);
    expect(bad.body).toContain('Response verification failed');
    expect(bad.body).not.toContain('nobody certified');
    const raw = await get('/tampered', `${id}.raw.localhost`);
    expect(raw.status).toBe(200);
    expect(raw.body).toBe('a body nobody certified');
  });

  it('upgrades /upgrade to http_request_update', async () => {
    const res = await get('/upgrade', `${id}.localhost`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('updated: GET /upgrade');
  });

  it('streams /stream through the callback and verifies the whole body', async () => {
    const res = await get('/stream', `${id}.localhost`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('chunk-0|chunk-1|chunk-2|end');
  });

  it('refuses an uncertified response and 404s an unknown canister', async () => {
    expect((await get('/uncertified', `${id}.localhost`)).status).toBe(500);
    expect((await get('/', 'ryjl3-tyaaa-aaaaa-aaaba-cai.localhost')).status).toBe(404);
  });
});
