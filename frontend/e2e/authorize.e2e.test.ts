// Journey: a dapp logs in with an unmodified @dfinity/auth-client: its popup opens II's
// `#authorize`, shows the dapp's origin, the user logs in, and the dapp's canister (`whoami`) sees
// the delegated principal. That principal is stable across logins and differs between anchors.
// A returning user needs one click; closing the popup is reported in words; the origin never
// wraps inside a label or its port.
import { Actor, HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { expect, test } from 'vitest';
import { idlFactory, type InternetIdentityService } from '@ii/canister/candid';
import { identityFromPhrase, parsePhrase } from '../src/lib/recovery-phrase.js';
import { II_CANISTER_ID } from './support/localnet.js';
import { authorizeFromDapp, registerAndManage, setUpRecoveryPhrase } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { renderedLines, scrollsSideways } from './support/layout.js';
import { Authorize, Dapp } from './support/views/index.js';

const e2e = useE2e();
const ANONYMOUS = '2vxsx-fae';

test('the dapp gets a stable principal per anchor through the authorize popup', async () => {
  const s = await e2e.session('first browser');
  const origin = e2e.env.dappOrigin();
  const { anchor } = await registerAndManage(s.page, e2e.env.iiUrl);

  const dapp = await new Dapp(await s.context.newPage()).open(origin, e2e.env.iiUrl);
  expect(await dapp.identityProvider.textContent()).toContain(e2e.env.iiUrl);
  const first = await authorizeFromDapp(s, dapp, { kind: 'returning' }, origin);
  expect(first.principal).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5})*(-[a-z0-9]{1,5})?$/);
  expect(first.principal).not.toBe(ANONYMOUS);

  // Same anchor, another browser (the passkey synced to it), a typed anchor: the same principal.
  const other = await e2e.session('second browser');
  await other.passkeys.addCredentials(await s.passkeys.credentials());
  const dapp2 = await new Dapp(other.page).open(origin, e2e.env.iiUrl);
  const again = await authorizeFromDapp(other, dapp2, { kind: 'anchor', anchor }, origin);
  expect(again.principal).toBe(first.principal);

  // The principal the dapp's canister saw is exactly what II's get_principal gives for the dapp's
  // origin. Asked from Node, authenticated as one of the anchor's devices: its recovery phrase.
  const phrase = await setUpRecoveryPhrase(s.page, false);
  const device = identityFromPhrase(parsePhrase(phrase).words);
  const agent = await HttpAgent.create({
    host: e2e.env.net.url,
    identity: device,
    rootKey: e2e.env.net.rootKey,
    shouldFetchRootKey: false,
  });
  const ii = Actor.createActor<InternetIdentityService>(idlFactory, {
    agent,
    canisterId: Principal.fromText(II_CANISTER_ID),
  });
  expect((await ii.get_principal(BigInt(anchor), origin)).toText()).toBe(first.principal);

  // Log out of the dapp and register a new anchor inside the popup: a different principal.
  await dapp2.logout();
  const third = await authorizeFromDapp(other, dapp2, { kind: 'register' }, origin);
  expect(third.anchor).toBeDefined();
  expect(third.anchor).not.toBe(anchor);
  expect(third.principal).not.toBe(first.principal);
  expect(third.principal).not.toBe(ANONYMOUS);
});

test('a returning user logs in to the dapp with one click (and the passkey), the origin shown first', async () => {
  const s = await e2e.session();
  const origin = e2e.env.dappOrigin();
  const { anchor } = await registerAndManage(s.page, e2e.env.iiUrl);
  const dapp = await new Dapp(await s.context.newPage()).open(origin, e2e.env.iiUrl);

  const popup = await s.popup(() => dapp.loginButton.click());
  const authorize = new Authorize(popup);
  // Before the one click: which dapp asks, and as whom the click logs in.
  await authorize.landing.returningButton.waitFor();
  await expect(authorize.origin.isVisible()).resolves.toBe(true);
  expect((await authorize.origin.textContent())?.trim()).toBe(origin);
  expect(await authorize.landing.returningButton.textContent()).toContain(anchor);
  expect(await popup.getByTestId('authorize-consent-hint').textContent()).toBe(
    'Choosing an identity below logs you in to it.',
  );

  const closed = popup.waitForEvent('close');
  let clicks = 0;
  await popup.exposeFunction('countClick', () => clicks++);
  await popup.evaluate(() =>
    document.addEventListener(
      'click',
      () => (window as never as { countClick(): void }).countClick(),
      true,
    ),
  );
  await authorize.landing.loginReturning();
  await closed;
  expect(clicks).toBe(1);
  expect(await dapp.principal()).not.toBe(ANONYMOUS);
});

test('closing the popup tells the dapp user in words that the login was cancelled', async () => {
  const s = await e2e.session();
  const dapp = await new Dapp(await s.context.newPage()).open(e2e.env.dappOrigin(), e2e.env.iiUrl);
  const popup = await s.popup(() => dapp.loginButton.click());
  await new Authorize(popup).origin.waitFor();
  await popup.close();
  const alert = dapp.page.getByRole('alert');
  await dapp.page.locator('body[data-state=error]').waitFor();
  expect(await alert.textContent()).toBe(
    'Login cancelled: the Internet Identity window was closed. Log in again when you are ready.',
  );
});

test('the dapp origin wraps only after "://" and dots, never inside a label or host:port', async () => {
  const s = await e2e.session();
  const longHost = 'a-rather-long-dapp-name.of-the-payments-team.apps.localhost';
  e2e.env.net.setAlias(longHost, e2e.env.dappId());
  const origins = [e2e.env.dappOrigin(), `http://${longHost}:${e2e.env.net.port}`];
  // auth-client's own popup size (500×500), and a phone-sized one.
  for (const size of [
    { width: 500, height: 500 },
    { width: 360, height: 640 },
  ]) {
    for (const origin of origins) {
      const page = await s.context.newPage();
      await page.goto(`${origin}/?ii=${encodeURIComponent(e2e.env.iiUrl)}`);
      const dapp = new Dapp(page);
      await page.locator('body[data-state=ready]').waitFor();
      const popup = await s.popup(() => dapp.loginButton.click());
      await popup.setViewportSize(size);
      const shown = new Authorize(popup).origin;
      await shown.waitFor();
      const lines = await renderedLines(shown);
      const where = `${origin} at ${size.width}px: ${JSON.stringify(lines)}`;
      expect(lines.join(''), where).toBe(origin);
      for (const line of lines.slice(0, -1)) expect(line, where).toMatch(/[./]$/);
      // The last label and the port stay together.
      expect(lines.at(-1), where).toMatch(new RegExp(`localhost:${e2e.env.net.port}$`));
      expect(await scrollsSideways(popup), where).toBe(false);
      await popup.close();
      await page.close();
    }
  }
});
