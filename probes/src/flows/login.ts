/**
 * `login`: the test dapp logs in through Internet Identity on the hostname with the probe's own
 * passkey (@dfinity/auth-client, the popup, the anchor typed in, the passkey asserted), gets a
 * delegation, and its canister's `whoami` answers the principal recorded at enrollment.
 */
import { Authorize, Dapp, VirtualDevice } from '@ii/frontend/e2e';
import type { Page } from 'playwright-core';
import { passkeyFor } from '../credentials.js';
import { type FlowContext, checkGuards, fail, withBrowser } from './context.js';
import { requireCredentials } from './require-credentials.js';

export async function loginFlow(ctx: FlowContext): Promise<void> {
  const { steps, hostname, target } = ctx;
  const credentials = requireCredentials(ctx);
  const passkey = passkeyFor(credentials, hostname);
  const dappOrigin = new URL(target.dappUrl).origin;
  const expected = credentials.principals[dappOrigin];
  if (!expected) fail('assertion', `no principal was recorded for ${dappOrigin}: enroll again`);
  await withBrowser(ctx, async (context, page, guards) => {
    const dapp = new Dapp(page);
    await steps.run('dapp', () => dapp.open(target.dappUrl, `https://${hostname}`));
    const device = VirtualDevice.platform('probe');
    await device.addCredentials([passkey]);
    const popup: Page = await steps.run('popup', async () => {
      const opened = context.waitForEvent('page');
      await dapp.loginButton.click();
      const p = await opened;
      await device.attach(p);
      return p;
    });
    const authorize = new Authorize(popup);
    await steps.run('authorize', async () => {
      await authorize.origin.waitFor();
      const closed = popup.waitForEvent('close').then(() => 'closed' as const);
      await authorize.landing.loginWithAnchor(credentials.anchor);
      // The popup closes once the dapp has its delegation; an alert in it means it will not.
      const alert = popup.getByRole('alert').filter({ hasText: /\S/ }).first();
      const outcome = await Promise.race([closed, alert.waitFor().then(() => 'alert' as const)]);
      if (outcome === 'alert') {
        checkGuards(guards);
        fail('assertion', `Internet Identity said: ${(await alert.textContent())?.trim()}`);
      }
    });
    const principal = await steps.run('whoami', async () => {
      await page.locator('body[data-state=signed-in], body[data-state=error]').first().waitFor();
      if ((await page.locator('body').getAttribute('data-state')) === 'error') {
        checkGuards(guards);
        const shown = (await page.getByTestId('error').textContent())?.trim();
        fail('assertion', `the dapp could not log in: ${shown}`);
      }
      return dapp.principal();
    });
    if (principal !== expected)
      fail('assertion', `whoami answered ${principal}, the probe's principal is ${expected}`);
    checkGuards(guards);
  });
}
