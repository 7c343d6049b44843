import { describe, expect, it } from 'vitest';
import { toBase64 } from '../bytes.js';
import { RPC_ERROR } from './json-rpc.js';
import { parseUrlRequest, planUrlResponse, responseUrl } from './url-signer.js';

const CALLBACK = 'https://rrkah-fqaaa-aaaaa-aaaaq-cai.icp0.io/signin';
const ORIGIN = 'https://rrkah-fqaaa-aaaaa-aaaaq-cai.icp0.io';
const KEY = new Uint8Array([48, 3, 1, 2, 3]);
const fragment = (message: unknown, state = 's1') =>
  '#' + new URLSearchParams({ message: JSON.stringify(message), callback: CALLBACK, state });
const delegation = (id: number | string) => ({
  jsonrpc: '2.0',
  id,
  method: 'icrc34_delegation',
  params: { publicKey: toBase64(KEY), maxTimeToLive: '1000' },
});

/** The message and state a navigation carries back to the callback. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back in assertions
function answer(url: string): { message: any; state: string | null } {
  expect(url.startsWith(`${CALLBACK}#`)).toBe(true);
  const p = new URLSearchParams(url.slice(url.indexOf('#') + 1));
  return { message: JSON.parse(p.get('message')!), state: p.get('state') };
}

describe('ICRC-167 requests in the fragment', () => {
  it('tells an ICRC-167 fragment from any other', () => {
    expect(parseUrlRequest('')).toBeUndefined();
    expect(parseUrlRequest('#authorize')).toBeUndefined();
    expect(parseUrlRequest('#message=%7B%7D')).toEqual({ error: expect.any(String) });
    expect(parseUrlRequest(fragment(delegation(1)))).toMatchObject({
      callback: CALLBACK,
      state: 's1',
      batch: false,
    });
  });

  it('answers a delegation request through the callback, state echoed', () => {
    const req = parseUrlRequest(fragment(delegation(7), 'xyz'));
    if (!req || 'error' in req) throw new Error('parse');
    const plan = planUrlResponse(req, ORIGIN);
    expect(plan.request?.maxTimeToLive).toBe(1000n);
    expect(plan.answerNow).toBeUndefined();
    const urls: string[] = [];
    const responder = plan.responder((u) => urls.push(u));
    expect(responder).toMatchObject({ protocol: 'icrc167', origin: ORIGIN });
    responder.success({
      delegations: [{ delegation: { pubkey: KEY, expiration: 5n }, signature: KEY }],
      userPublicKey: KEY,
      authnMethod: 'passkey',
    });
    responder.decline();
    expect(urls).toHaveLength(1);
    const a = answer(urls[0]);
    expect(a.state).toBe('xyz');
    expect(a.message).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: {
        publicKey: toBase64(KEY),
        signerDelegation: [
          { delegation: { pubkey: toBase64(KEY), expiration: '5' }, signature: toBase64(KEY) },
        ],
      },
    });
  });

  it('answers a batch in order: ICRC-25 at once, the delegation when the user decides', () => {
    const req = parseUrlRequest(
      fragment([
        { jsonrpc: '2.0', id: 'a', method: 'icrc25_supported_standards' },
        delegation('b'),
        { jsonrpc: '2.0', id: 'c', method: 'icrc29_status' },
        { nonsense: true },
      ]),
    );
    if (!req || 'error' in req) throw new Error('parse');
    const urls: string[] = [];
    planUrlResponse(req, ORIGIN)
      .responder((u) => urls.push(u))
      .decline();
    const [standards, declined, status, invalid] = answer(urls[0]).message;
    expect(standards.result.supportedStandards.map((s: { name: string }) => s.name)).toContain(
      'ICRC-167',
    );
    expect(declined).toMatchObject({ id: 'b', error: { code: RPC_ERROR.actionAborted } });
    expect(status).toMatchObject({ id: 'c', error: { code: RPC_ERROR.notSupported } });
    expect(invalid).toMatchObject({ id: null, error: { code: RPC_ERROR.invalidRequest } });
  });

  it('answers at once when nothing needs the user (a malformed delegation request included)', () => {
    const req = parseUrlRequest(fragment({ ...delegation(1), params: { publicKey: 5 } }));
    if (!req || 'error' in req) throw new Error('parse');
    const plan = planUrlResponse(req, ORIGIN);
    expect(plan.request).toBeUndefined();
    const urls: string[] = [];
    plan.answerNow!((u) => urls.push(u));
    expect(answer(urls[0]).message).toMatchObject({
      id: 1,
      error: { code: RPC_ERROR.invalidParams },
    });
  });

  it('builds the response URL with message and state in the fragment', () => {
    expect(responseUrl(CALLBACK, 's', { a: 1 })).toBe(
      `${CALLBACK}#message=%7B%22a%22%3A1%7D&state=s`,
    );
  });
});
