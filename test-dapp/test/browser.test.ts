// The dapp page in headless Chromium (Debian's, via playwright-core), served by localnet's
// verifying gateway, logging in with the unmodified @dfinity/auth-client against a stand-in
// identity provider: a page (served by Playwright) that speaks the spec's postMessage protocol and
// answers with a delegation signed by an Ed25519 "user" key in Node. The real II is tested elsewhere;
// this checks the dapp's side: popup URL, login options, whoami as the delegated identity, errors.
import { DelegationChain, Ed25519KeyIdentity, type Ed25519PublicKey } from '@dfinity/identity';
import type { PublicKey } from '@dfinity/agent';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAPP_ID, type DappNet, startWithDapp } from './support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FAKE_IDP = 'http://fake-idp.test';

// The stand-in IdP: announces itself, forwards the request to Node, posts the answer back.
const IDP_PAGE = `<!doctype html><script>
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const bytes = (h) => new Uint8Array(h.match(/../g).map((x) => parseInt(x, 16)));
window.addEventListener('message', async (e) => {
  if (e.data?.kind !== 'authorize-client') return;
  const r = await window.signDelegation({
    sessionPublicKey: hex(e.data.sessionPublicKey),
    maxTimeToLive: e.data.maxTimeToLive === undefined ? null : String(e.data.maxTimeToLive),
    derivationOrigin: e.data.derivationOrigin ?? null,
    origin: e.origin,
  });
  e.source.postMessage({
    kind: 'authorize-client-success',
    delegations: [{ delegation: { pubkey: bytes(r.pubkey), expiration: BigInt(r.expiration) }, signature: bytes(r.signature) }],
    userPublicKey: bytes(r.userPublicKey),
    authnMethod: 'passkey',
  }, e.origin);
});
if (location.pathname !== '/silent') window.opener.postMessage({ kind: 'authorize-ready' }, '*');
</script>`;

interface IdpRequest {
  sessionPublicKey: string;
  maxTimeToLive: string | null;
  derivationOrigin: string | null;
  origin: string;
}

let t: DappNet;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let user: Ed25519KeyIdentity;
let requests: IdpRequest[];
let violations: string[];

beforeAll(async () => {
  t = await startWithDapp({ fetch_root_key: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP * ~NOTFOUND',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await t?.net.stop();
});

beforeEach(async () => {
  user = Ed25519KeyIdentity.generate();
  requests = [];
  violations = [];
  context = await browser.newContext();
  await context.route(`${FAKE_IDP}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: IDP_PAGE }),
  );
  await context.exposeBinding('signDelegation', async (_source, req: IdpRequest) => {
    requests.push(req);
    const session: PublicKey = { toDer: () => hexBytes(req.sessionPublicKey) } as PublicKey;
    const chain = await DelegationChain.create(user, session, new Date(Date.now() + 30 * 60_000));
    const d = chain.delegations[0];
    return {
      pubkey: hex(d.delegation.pubkey),
      expiration: d.delegation.expiration.toString(),
      signature: hex(d.signature),
      userPublicKey: hex((user.getPublicKey() as Ed25519PublicKey).toDer()),
    };
  });
  // CSP violations never show up as failed requests: report them from inside every page.
  await context.exposeBinding('reportViolation', (_s, v: string) => void violations.push(v));
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  page = await context.newPage();
});
afterEach(async () => context?.close());

const hex = (b: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(b)).toString('hex');
const hexBytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const dappUrl = (query = '') => `http://${DAPP_ID}.localhost:${t.net.port}/${query}`;
const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);

describe('the dapp page in Chromium', () => {
  it('loads through the gateway with its CSP intact and defaults to II on localnet', async () => {
    await page.goto(dappUrl());
    await page.waitForSelector('body[data-state="ready"]');
    expect(await byTestId('identity-provider').textContent()).toBe(
      `http://rdmx6-jaaaa-aaaaa-aaadq-cai.localhost:${t.net.port}/#authorize`,
    );
    expect(await byTestId('principal').textContent()).toBe('not logged in');
    expect(violations).toEqual([]);
  });

  it('logs in with auth-client and shows the principal whoami returns; survives a reload; logs out', async () => {
    await page.goto(
      dappUrl(
        `?ii=${encodeURIComponent(FAKE_IDP)}&maxTimeToLive=600000000000&derivationOrigin=${encodeURIComponent('https://example.icp0.io')}`,
      ),
    );
    await page.waitForSelector('body[data-state="ready"]');
    const [popup] = await Promise.all([page.waitForEvent('popup'), byTestId('login').click()]);
    expect(popup.url()).toBe(`${FAKE_IDP}/#authorize`);
    await page.waitForSelector('body[data-state="signed-in"]');
    const expected = user.getPrincipal().toText();
    expect(await byTestId('principal').textContent()).toBe(expected);
    expect(requests).toEqual([
      {
        sessionPublicKey: expect.stringMatching(/^30/),
        maxTimeToLive: '600000000000',
        derivationOrigin: 'https://example.icp0.io',
        origin: `http://${DAPP_ID}.localhost:${t.net.port}`,
      },
    ]);

    await page.reload();
    await page.waitForSelector('body[data-state="signed-in"]');
    expect(await byTestId('principal').textContent()).toBe(expected);

    await byTestId('logout').click();
    await page.waitForSelector('body[data-state="ready"]');
    expect(await byTestId('principal').textContent()).toBe('not logged in');
    expect(violations).toEqual([]);
  });

  it('shows an alert when the login window is closed without an answer', async () => {
    await page.goto(dappUrl(`?ii=${encodeURIComponent(`${FAKE_IDP}/silent`)}`));
    await page.waitForSelector('body[data-state="ready"]');
    const [popup] = await Promise.all([page.waitForEvent('popup'), byTestId('login').click()]);
    await popup.close();
    await page.waitForSelector('body[data-state="error"]');
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toMatch(/^Login cancelled: the Internet Identity window was closed\./);
    expect(alert).not.toContain('UserInterrupt');
  });

  it('reports a malformed query parameter instead of ignoring it', async () => {
    await page.goto(dappUrl('?maxTimeToLive=soon'));
    await page.waitForSelector('body[data-state="error"]');
    expect(await page.getByRole('alert').textContent()).toContain('maxTimeToLive');
    expect(await byTestId('login').isDisabled()).toBe(true);
  });
});
