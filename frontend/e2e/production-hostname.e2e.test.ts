// Journey: II on its production hostnames. The browser resolves identity.ic0.app (and
// identity.internetcomputer.org, id.ai) to localnet,
// trusts it only through localnet's CA in its NSS db (the CDP security state must say `secure`),
// and the whole authorize flow runs with the served CSP enforced: any CSP violation, failed
// request or console error fails the test (the harness's guards).
import { expect, test } from 'vitest';
import { watchSecurityState } from './support/browser.js';
import { authorizeFromDapp, authorizeFromIcrcDapp, registerAndManage } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { Dapp, IcrcDapp } from './support/views/index.js';

const e2e = useE2e();

test('identity.ic0.app, identity.internetcomputer.org and id.ai are served with a trusted certificate', async () => {
  const s = await e2e.session();
  for (const host of ['identity.ic0.app', 'identity.internetcomputer.org', 'id.ai']) {
    const page = await s.context.newPage();
    const security = await watchSecurityState(page);
    const response = await page.goto(`https://${host}/`);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    await page.waitForLoadState('networkidle');
    expect(security.current()).toMatchObject({
      securityState: 'secure',
      certificateNetworkError: undefined,
      certificateSubject: host,
    });
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  }
});

test('a dapp logs in through https://identity.ic0.app/#authorize with no CSP violation or error', async () => {
  const s = await e2e.session();
  const ii = e2e.env.iiProductionUrl;
  const security = await watchSecurityState(s.page);
  const { anchor } = await registerAndManage(s.page, ii);
  expect(anchor).toMatch(/^\d+$/);
  expect(security.current()?.securityState).toBe('secure');
  // The passkey is bound to the production hostname.
  expect((await s.passkeys.credentials()).map((c) => c.rpId)).toEqual(['identity.ic0.app']);

  const origin = e2e.env.dappOrigin();
  const dapp = await new Dapp(await s.context.newPage()).open(origin, ii);
  expect(await dapp.identityProvider.textContent()).toContain('https://identity.ic0.app');
  let popupUrl = '';
  let popupSecurity: string | undefined;
  const { principal, popup } = await authorizeFromDapp(
    s,
    dapp,
    { kind: 'returning' },
    origin,
    async (p) => {
      popupUrl = p.url();
      const watch = await watchSecurityState(p);
      await p.waitForLoadState('networkidle');
      popupSecurity = watch.current()?.securityState;
    },
  );
  expect(new URL(popupUrl).origin).toBe('https://identity.ic0.app');
  expect(new URL(popupUrl).hash).toBe('#authorize');
  expect(popupSecurity).toBe('secure');
  expect(popup.isClosed()).toBe(true);
  expect(principal).not.toBe('2vxsx-fae');
  // Asserted here as well as after the test, so this journey's report names the problem.
  expect(s.guards.failures().map((f) => `[${f.kind}] ${f.detail}`)).toEqual([]);
});

test('@icp-sdk/auth 7.1.0 signs in through https://id.ai/authorize (its default provider) with no CSP violation or error', async () => {
  const s = await e2e.session();
  const ii = 'https://id.ai';
  const security = await watchSecurityState(s.page);
  await registerAndManage(s.page, ii);
  expect(security.current()?.securityState).toBe('secure');
  expect((await s.passkeys.credentials()).map((c) => c.rpId)).toEqual(['id.ai']);

  const origin = e2e.env.dappOrigin();
  const dapp = await new IcrcDapp(await s.context.newPage()).openPage(origin, ii);
  expect(await dapp.identityProvider.textContent()).toBe('https://id.ai/authorize');
  let popupUrl = '';
  let popupSecurity: string | undefined;
  const { principal, popup } = await authorizeFromIcrcDapp(
    s,
    dapp,
    { kind: 'returning' },
    origin,
    async (p) => {
      popupUrl = p.url();
      const watch = await watchSecurityState(p);
      await p.waitForLoadState('networkidle');
      popupSecurity = watch.current()?.securityState;
    },
  );
  expect(popupUrl).toBe('https://id.ai/authorize');
  expect(popupSecurity).toBe('secure');
  expect(popup.isClosed()).toBe(true);
  expect(await dapp.principalFromUpdate()).toBe(principal);
  expect(principal).not.toBe('2vxsx-fae');
  expect(s.guards.failures().map((f) => `[${f.kind}] ${f.detail}`)).toEqual([]);
});
