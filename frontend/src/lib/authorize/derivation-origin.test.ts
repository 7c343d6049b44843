import { describe, expect, it } from 'vitest';
import {
  LOCALNET_PATTERNS,
  resolveAuthCallback,
  resolveDerivationOrigin,
} from './derivation-origin.js';

const ID = 'rdmx6-jaaaa-aaaaa-aaadq-cai';
const DAPP = 'https://www.dapp.com';

/** A fetch that records its calls and answers with the given status/body (or throws). */
function fakeFetch(answer: { status?: number; body?: unknown; text?: string; throws?: Error }) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    if (answer.throws) throw answer.throws;
    return new Response(answer.text ?? JSON.stringify(answer.body), {
      status: answer.status ?? 200,
    });
  }) as typeof fetch;
  return { impl, calls };
}

describe('resolveDerivationOrigin', () => {
  it('has nothing to check when absent or equal to the request origin', async () => {
    const f = fakeFetch({ throws: new Error('must not fetch') });
    expect(await resolveDerivationOrigin(DAPP, undefined, f.impl)).toEqual({
      ok: true,
      origin: DAPP,
      hostname: DAPP,
    });
    const icp0 = `https://${ID}.icp0.io`;
    expect(await resolveDerivationOrigin(icp0, icp0, f.impl)).toEqual({
      ok: true,
      origin: icp0,
      hostname: `https://${ID}.ic0.app`,
    });
    expect(f.calls).toHaveLength(0);
  });

  it('accepts a listed origin, fetching the non-raw icp0.io list safely', async () => {
    const f = fakeFetch({ body: { alternativeOrigins: ['https://a.com', DAPP] } });
    const r = await resolveDerivationOrigin(DAPP, `https://${ID}.raw.icp0.io`, f.impl);
    expect(r).toEqual({
      ok: true,
      origin: `https://${ID}.raw.icp0.io`,
      hostname: `https://${ID}.raw.ic0.app`,
    });
    expect(f.calls[0].url).toBe(`https://${ID}.icp0.io/.well-known/ii-alternative-origins`);
    expect(f.calls[0].init).toMatchObject({ redirect: 'error', credentials: 'omit' });
    const ic0 = await resolveDerivationOrigin(DAPP, `https://${ID}.ic0.app`, f.impl);
    expect(ic0.ok && ic0.hostname).toBe(`https://${ID}.ic0.app`);
  });

  it('rejects malformed derivation origins without fetching', async () => {
    const f = fakeFetch({ body: { alternativeOrigins: [DAPP] } });
    for (const d of [
      'https://evil.com',
      `http://${ID}.ic0.app`,
      `https://${ID}.ic0.app.evil.com`,
      'https://not-a-canister.ic0.app',
      `https://${ID}.localhost:4943`,
      `http://${ID}.localhost:4943`, // localnet shape, but mainnet rules
    ]) {
      const r = await resolveDerivationOrigin(DAPP, d, f.impl);
      expect(r.ok, d).toBe(false);
    }
    expect(f.calls).toHaveLength(0);
  });

  it('rejects unlisted origins, bad lists, bad statuses and failed (redirected) fetches', async () => {
    const d = `https://${ID}.icp0.io`;
    const reason = async (answer: Parameters<typeof fakeFetch>[0]) => {
      const r = await resolveDerivationOrigin(DAPP, d, fakeFetch(answer).impl);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.reason;
    };
    expect(await reason({ body: { alternativeOrigins: ['https://dapp.com'] } })).toMatch(
      /not listed/,
    );
    expect(await reason({ body: { alternativeOrigins: [`${DAPP}/`] } })).toMatch(/not listed/);
    expect(
      await reason({
        body: { alternativeOrigins: Array.from({ length: 11 }, (_, i) => `https://${i}.com`) },
      }),
    ).toMatch(/at most 10/);
    expect(await reason({ body: { alternativeOrigins: [DAPP, DAPP] } })).toMatch(/unique/);
    expect(await reason({ body: { origins: [DAPP] } })).toMatch(/invalid/);
    expect(await reason({ body: { alternativeOrigins: [DAPP, 3] } })).toMatch(/invalid/);
    expect(await reason({ text: '<html>' })).toMatch(/not valid JSON/);
    expect(await reason({ status: 404, body: { alternativeOrigins: [DAPP] } })).toMatch(/404/);
    expect(await reason({ throws: new TypeError('Failed to fetch') })).toMatch(/Could not load/);
  });

  it('uses the localnet patterns when given', async () => {
    const f = fakeFetch({ body: { alternativeOrigins: ['http://localhost:5173'] } });
    const d = `http://${ID}.localhost:4943`;
    const r = await resolveDerivationOrigin('http://localhost:5173', d, f.impl, LOCALNET_PATTERNS);
    expect(r).toEqual({ ok: true, origin: d, hostname: d });
    expect(f.calls[0].url).toBe(`${d}/.well-known/ii-alternative-origins`);
  });
});

describe('resolveAuthCallback (ICRC-167 callbacks)', () => {
  const DAPP_ID = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
  const CALLBACK = `https://${DAPP_ID}.icp0.io/signin`;

  it('accepts a callback listed exactly, reading the file like the alternative origins', async () => {
    const f = fakeFetch({ body: { callbacks: [CALLBACK] } });
    expect(await resolveAuthCallback(CALLBACK, f.impl)).toEqual({
      ok: true,
      origin: `https://${DAPP_ID}.icp0.io`,
      callback: CALLBACK,
    });
    expect(f.calls[0].url).toBe(`https://${DAPP_ID}.icp0.io/.well-known/ii-auth-callbacks`);
    expect(f.calls[0].init).toMatchObject({ redirect: 'error', credentials: 'omit' });
  });

  it("reads a derivation origin's file for a callback on another origin (a custom domain)", async () => {
    const custom = 'https://www.dapp.com/signin';
    const f = fakeFetch({ body: { callbacks: [custom] } });
    expect(
      await resolveAuthCallback(custom, f.impl, undefined, `https://${DAPP_ID}.icp0.io`),
    ).toEqual({ ok: true, origin: 'https://www.dapp.com', callback: custom });
    expect(f.calls[0].url).toBe(`https://${DAPP_ID}.icp0.io/.well-known/ii-auth-callbacks`);
    // Without it, a custom domain has no canister host to read from: refused, nothing fetched.
    const none = fakeFetch({ body: { callbacks: [custom] } });
    expect(await resolveAuthCallback(custom, none.impl)).toMatchObject({ ok: false });
    expect(none.calls).toHaveLength(0);
    // Listed by the derivation origin or nowhere: another origin's file does not count.
    const other = fakeFetch({ body: { callbacks: [CALLBACK] } });
    expect(
      await resolveAuthCallback(custom, other.impl, undefined, `https://${DAPP_ID}.icp0.io`),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/not listed/) });
  });

  it('refuses unlisted, malformed, foreign-host, fragment and unreadable callbacks', async () => {
    const listed = fakeFetch({ body: { callbacks: [CALLBACK] } });
    for (const cb of [`${CALLBACK}/other`, `${CALLBACK}?x=1`])
      expect(await resolveAuthCallback(cb, listed.impl)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/not listed/),
      });
    expect(await resolveAuthCallback(`${CALLBACK}#x`, listed.impl)).toMatchObject({ ok: false });
    expect(await resolveAuthCallback('/relative', listed.impl)).toMatchObject({ ok: false });
    expect(await resolveAuthCallback('https://evil.example/cb', listed.impl)).toMatchObject({
      ok: false,
    });
    const many = fakeFetch({
      body: { callbacks: Array.from({ length: 11 }, (_, i) => `${CALLBACK}${i}`) },
    });
    expect(await resolveAuthCallback(CALLBACK, many.impl)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/at most 10/),
    });
    const missing = fakeFetch({ status: 404, text: 'no' });
    expect(await resolveAuthCallback(CALLBACK, missing.impl)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/404/),
    });
    const redirected = fakeFetch({ throws: new TypeError('redirect') });
    expect(await resolveAuthCallback(CALLBACK, redirected.impl)).toMatchObject({ ok: false });
  });

  it('reads localnet callbacks from the canister host when the patterns allow it', async () => {
    const cb = `http://${DAPP_ID}.localhost:4943/signin`;
    const f = fakeFetch({ body: { callbacks: [cb] } });
    expect(await resolveAuthCallback(cb, f.impl)).toMatchObject({ ok: false });
    expect(await resolveAuthCallback(cb, f.impl, LOCALNET_PATTERNS)).toMatchObject({ ok: true });
    expect(f.calls.at(-1)!.url).toBe(
      `http://${DAPP_ID}.localhost:4943/.well-known/ii-auth-callbacks`,
    );
  });
});
