// The HTTPS listener: production hostnames served by localnet with certificates from its own CA.
import { decode } from '@dfinity/cbor';
import type { Principal } from '@dfinity/principal';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import { fixtureWasm } from '../src/testing/fixtures.js';
import type { TLSSocket } from 'node:tls';

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  peerNames: string;
}

describe('HTTPS on production hostnames', () => {
  let net: Localnet;
  let id: Principal;

  /** GET https://<hostname><path>, connected to the localnet HTTPS port (like a host-resolver rule). */
  function get(hostname: string, path: string, trustLocalnetCa = true): Promise<Response> {
    const ca = trustLocalnetCa ? net.caCertPem : undefined;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: net.httpsPort,
          path,
          servername: hostname,
          headers: { host: hostname },
          ca,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          const peer = (res.socket as TLSSocket).getPeerCertificate();
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              peerNames: peer.subjectaltname ?? '',
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  beforeAll(async () => {
    net = await startLocalnet({ port: 0, httpsPort: 0 });
    id = await net.installCanister(fixtureWasm('http_fixture'));
  });
  afterAll(async () => {
    await net.stop();
  });

  it('listens on its own port with a CA certificate to trust', () => {
    expect(net.httpsPort).toBeGreaterThan(0);
    expect(net.httpsPort).not.toBe(net.port);
    expect(net.httpsUrl).toBe(`https://127.0.0.1:${net.httpsPort}`);
    expect(net.caCertPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('serves identity.ic0.app from the aliased canister, certified by the gateway', async () => {
    const before = await get('identity.ic0.app', '/hello.txt');
    expect(before.status).not.toBe(200);
    net.setAlias('identity.ic0.app', id);
    const res = await get('identity.ic0.app', '/hello.txt');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello from http_fixture');
    expect(String(res.headers['ic-certificate'])).toContain('version=2');
    expect(res.peerNames).toContain('DNS:identity.ic0.app');
  });

  it('answers /api/v2/status on icp-api.io with the root key', async () => {
    const res = await get('icp-api.io', '/api/v2/status');
    expect(res.status).toBe(200);
    expect(res.peerNames).toContain('DNS:icp-api.io');
    const status = decode(new Uint8Array(res.body)) as { root_key: Uint8Array };
    expect(Buffer.from(status.root_key).equals(Buffer.from(net.rootKey))).toBe(true);
  });

  it('is not trusted without the localnet CA', async () => {
    await expect(get('icp-api.io', '/api/v2/status', false)).rejects.toThrow(
      /self[- ]signed|unable to verify|certificate/i,
    );
  });
});
