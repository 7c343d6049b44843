// Journey: logging in again: the remembered anchor, a typed anchor number, a different user.
import { expect, test } from 'vitest';
import { loginReturning, loginWithAnchor, registerAndManage } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { Landing, Manage } from './support/views/index.js';

const e2e = useE2e();

test('a returning user is remembered in local storage and logs in with one click', async () => {
  const s = await e2e.session();
  const { anchor, manage } = await registerAndManage(s.page, e2e.env.iiUrl);
  await manage.logoutButton.click();

  // A new tab of the same browser: only local storage knows the user.
  const tab = await s.context.newPage();
  await s.passkeys.attach(tab);
  const landing = await new Landing(tab).open(e2e.env.iiUrl);
  expect(await landing.returningButton.textContent()).toContain(anchor);
  const stored = await tab.evaluate(() => JSON.stringify({ ...window.localStorage }));
  expect(stored).toContain(anchor);

  await landing.loginReturning();
  expect(await new Manage(tab).anchor()).toBe(anchor);
});

test('logs in by typing the anchor number', async () => {
  const s = await e2e.session();
  const { anchor, manage } = await registerAndManage(s.page, e2e.env.iiUrl);
  await manage.logoutButton.click();
  await s.page.evaluate(() => window.localStorage.clear());
  // A fresh load: the app reads local storage when it starts.
  await s.page.reload();

  const landing = await new Landing(s.page).open(e2e.env.iiUrl);
  await expect(landing.returningButton.isVisible()).resolves.toBe(false);
  await landing.loginWithAnchor(anchor);
  expect(await new Manage(s.page).anchor()).toBe(anchor);
});

test('logs in as a different user than the remembered one', async () => {
  const s = await e2e.session();
  const first = await registerAndManage(s.page, e2e.env.iiUrl, 'First passkey');
  await first.manage.logoutButton.click();
  const second = await registerAndManage(s.page, e2e.env.iiUrl, 'Second passkey');
  expect(second.anchor).not.toBe(first.anchor);
  await second.manage.logoutButton.click();

  const landing = await new Landing(s.page).open(e2e.env.iiUrl);
  expect(await landing.returningButton.textContent()).toContain(second.anchor);
  const manage = await loginWithAnchor(s.page, e2e.env.iiUrl, first.anchor);
  expect(await manage.anchor()).toBe(first.anchor);
  expect(await manage.aliases()).toEqual(['First passkey']);

  // The one who logged in last is the one remembered.
  await manage.logoutButton.click();
  expect(await (await loginReturning(s.page, e2e.env.iiUrl)).anchor()).toBe(first.anchor);
});

test('the landing screen shows one alert at a time', async () => {
  const s = await e2e.session();
  const landing = await new Landing(s.page).open(e2e.env.iiUrl);
  const alert = s.page.getByRole('alert');
  // An anchor nobody has, then a typo: the second message replaces the first.
  await landing.loginWithAnchor('987654321');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('There is no Internet Identity with this number');
  await landing.anchorInput.fill('12a');
  await landing.continueButton.click();
  await s.page.getByText('An Identity Anchor is a number', { exact: false }).waitFor();
  await expect(alert.count()).resolves.toBe(1);
  // Retrying a typed anchor is Continue itself: the alert has no button of its own.
  await expect(alert.getByRole('button').count()).resolves.toBe(0);
});
