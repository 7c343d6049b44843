// Journey: managing an identity: rename a device, add a passkey on this browser, remove devices
// (with the warnings), log out; long device names in every script stay inside their card.
import { expect, test } from 'vitest';
import { VirtualDevice } from './support/authenticator.js';
import { registerAndManage, setUpRecoveryPhrase } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { outside, scrollsSideways } from './support/layout.js';
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

// Device names may be 64 bytes of anything, with no space to wrap at.
const LONG_NAMES: Record<string, string> = {
  'Latin, one long word': 'Rindfleischetikettierungsueberwachungsaufgabenuebertragungsgesetz'.slice(
    0,
    64,
  ),
  'Latin, widest letters': 'W'.repeat(64),
  CJK: '東京都千代田区丸の内一丁目九番二号会社用ノートパソコン'.slice(0, 21) + 'X',
  'emoji (4 bytes each)': '🦄'.repeat(16),
  'Arabic (right to left)': 'حاسوبمحمولللعملفيالمكتبالرئيسيبالطابقالثاني'.slice(0, 32),
};

test('no 64-byte device name, in any script, pushes Rename/Remove out of the device card', async () => {
  for (const [what, name] of Object.entries(LONG_NAMES))
    expect(new TextEncoder().encode(name).length, what).toBe(64);
  const s = await e2e.session();
  const { manage } = await registerAndManage(s.page, e2e.env.iiUrl, 'Short');
  let current = 'Short';
  for (const [what, name] of Object.entries(LONG_NAMES)) {
    await manage.rename(current, name);
    const card = manage.device(name);
    await card.waitFor();
    current = name;
    for (const width of [1280, 360]) {
      await s.page.setViewportSize({ width, height: 800 });
      const where = `${what} at ${width}px`;
      // The buttons lie inside the device card, the card inside the page's card, nothing scrolls.
      expect(await outside(card, 'button'), where).toEqual([]);
      expect(await outside(s.page.locator('.card').first(), '[data-testid=device]'), where).toEqual(
        [],
      );
      expect(await scrollsSideways(s.page), where).toBe(false);
      await expect(card.getByRole('button', { name: `Rename ${name}` }).isVisible()).resolves.toBe(
        true,
      );
    }
    await s.page.setViewportSize({ width: 1280, height: 720 });
  }
});

test('a name over 64 bytes (but under 64 characters) is refused before it reaches the canister', async () => {
  const s = await e2e.session();
  const { manage } = await registerAndManage(s.page, e2e.env.iiUrl, 'Short');
  await s.page.getByRole('button', { name: 'Rename Short', exact: true }).click();
  const dialog = s.page.getByRole('dialog');
  await dialog.getByLabel('Device name', { exact: true }).fill('東'.repeat(22));
  await expect(dialog.getByText('at most 64 bytes', { exact: false }).isVisible()).resolves.toBe(
    true,
  );
  await expect(s.page.getByTestId('confirm-rename').isDisabled()).resolves.toBe(true);
  expect(await manage.aliases()).toEqual(['Short']);
});

test('a passkey this browser already has: no dead "Try again", a way that helps, one alert at a time', async () => {
  const s = await e2e.session();
  const { manage } = await registerAndManage(s.page, e2e.env.iiUrl);
  const phrase = await setUpRecoveryPhrase(s.page, true);

  // This browser's authenticator already holds the anchor's passkey: WebAuthn refuses a second.
  await manage.addPasskeyButton.click();
  const alert = s.page.getByTestId('add-passkey-alert');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('This browser already has a passkey');
  await expect(alert.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
  const addDevice = alert.getByRole('button', { name: 'Add a new device', exact: true });
  await expect(addDevice.isVisible()).resolves.toBe(true);

  // A second failure (a wrong phrase for the locked phrase) replaces the first alert.
  const alias = (await manage.recoveryDevices.getByTestId('device-alias').textContent())!.trim();
  await manage.startRemove(alias);
  const words = phrase.split(' ');
  await manage.confirmRemove([words[0], ...words.slice(1).reverse()].join(' '));
  await s.page.getByRole('dialog').getByRole('alert').waitFor();
  await expect(manage.alert.count()).resolves.toBe(1);
  await s.page.getByRole('dialog').getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(manage.alert.count()).resolves.toBe(0);

  // The way that helps: adding another device opens (and dismisses the alert).
  await manage.addPasskeyButton.click();
  await alert.waitFor();
  await addDevice.click();
  await s.page.getByTestId('add-remote-panel').waitFor();
  await alert.waitFor({ state: 'detached' });
  await expect(manage.alert.count()).resolves.toBe(0);
});
