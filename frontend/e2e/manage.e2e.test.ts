// Journey: managing an identity: rename a device, add a passkey on this browser, remove devices
// (with the warnings), log out.
import { expect, test } from 'vitest';
import { VirtualDevice } from './support/authenticator.js';
import { registerAndManage } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { Landing, Manage } from './support/views/index.js';

const e2e = useE2e();

test('renames a device, and the new name is stored', async () => {
  const s = await e2e.session();
  const { manage } = await registerAndManage(s.page, e2e.env.iiUrl, 'Old name');
  await manage.rename('Old name', 'Kitchen laptop');
  await manage.device('Kitchen laptop').waitFor();
  // Sessions live in memory only: after a reload the user logs in again, and the canister has the
  // new name.
  await s.page.reload();
  await new Landing(s.page).loginReturning();
  expect(await new Manage(s.page).aliases()).toEqual(['Kitchen laptop']);
});

test('adds a passkey on this browser, then removes devices with the right warnings', async () => {
  const s = await e2e.session();
  const { manage } = await registerAndManage(s.page, e2e.env.iiUrl, 'First passkey');

  // A second authenticator of this browser makes the new passkey (the first one would refuse a
  // credential for an account it already holds).
  const second = VirtualDevice.platform('second passkey store');
  await s.passkeys.detach(s.page);
  await second.attach(s.page);
  await manage.addPasskeyButton.click();
  const alias = s.page.getByRole('dialog').getByLabel('Device name', { exact: true });
  await manage.devices.nth(1).or(alias).first().waitFor();
  if (await alias.isVisible()) {
    await alias.fill('Second passkey');
    await s.page
      .getByRole('dialog')
      .getByRole('button', { name: /add|save|continue/i })
      .first()
      .click();
  }
  await manage.devices.nth(1).waitFor();
  expect(await manage.devices.count()).toBe(2);
  expect(await second.credentials()).toHaveLength(1);
  await second.detach(s.page);
  await s.passkeys.attach(s.page);

  // Removing the passkey this session did not use: a plain confirmation.
  const [, secondAlias] = await manage.aliases();
  await manage.startRemove(secondAlias);
  await expect(s.page.getByTestId('remove-last-warning').isVisible()).resolves.toBe(false);
  await manage.confirmRemove();
  await manage.devices.nth(1).waitFor({ state: 'detached' });
  expect(await manage.aliases()).toEqual(['First passkey']);

  // The last device (and the one in use): the dialog warns before anything happens.
  await manage.startRemove('First passkey');
  const warnings = s.page
    .getByTestId('remove-last-warning')
    .or(s.page.getByTestId('remove-current-warning'));
  expect(await warnings.count()).toBeGreaterThan(0);
});

test('logs out: the manage screen needs a login again', async () => {
  const s = await e2e.session();
  const { anchor, manage } = await registerAndManage(s.page, e2e.env.iiUrl);
  await manage.logoutButton.click();
  const landing = new Landing(s.page);
  await landing.returningButton.waitFor();

  await s.page.goto(`${e2e.env.iiUrl}/#/manage`);
  await landing.returningButton.waitFor();
  await expect(manage.anchorNumber.isVisible()).resolves.toBe(false);
  expect(await landing.returningButton.textContent()).toContain(anchor);
});
