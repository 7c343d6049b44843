import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../../localnet.js';

describe('CORS on /api', () => {
  let net: Localnet;
  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
  });
  afterAll(async () => net.stop());

  it('answers the preflight of a cross-origin CBOR POST', async () => {
    const res = await fetch(`${net.url}/api/v2/canister/rdmx6-jaaaa-aaaaa-aaadq-cai/call`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://identity.ic0.app',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'content-type',
    );
  });

  it('lets any origin read /api responses, and leaves other paths alone', async () => {
    const status = await fetch(`${net.url}/api/v2/status`, {
      headers: { origin: 'https://a.example' },
    });
    expect(status.status).toBe(200);
    expect(status.headers.get('access-control-allow-origin')).toBe('*');
    const page = await fetch(`${net.url}/?canisterId=rdmx6-jaaaa-aaaaa-aaadq-cai`);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });
});
