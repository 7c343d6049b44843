// Journey: adding a new device (another browser) to an existing identity: the logged-in device
// enters registration mode, the new one adds itself tentatively and shows a code, the old one
// types the code, and the new browser lands on manage, logged in.
import { expect, test } from 'vitest';
import { registerAndManage } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { AddDevice, Landing, Manage } from './support/views/index.js';

const e2e = useE2e();

test('a second browser joins the identity through a verification code', async () => {
  const oldBrowser = await e2e.session('old device');
  const newBrowser = await e2e.session('new device');
  const { anchor, manage } = await registerAndManage(oldBrowser.page, e2e.env.iiUrl, 'Old laptop');

  await manage.addRemoteButton.click();
  // Registration mode is on; the code field appears once the new device has added itself.
  await oldBrowser.page.getByText('Waiting for the new device', { exact: false }).waitFor();

  const landing = await new Landing(newBrowser.page).open(e2e.env.iiUrl);
  await landing.addDeviceButton.click();
  const addDevice = new AddDevice(newBrowser.page);
  await addDevice.start(anchor, 'New phone');
  const code = await addDevice.readCode();
  // The new device's passkey exists, but is not usable before the old device verifies it.
  expect(await newBrowser.passkeys.credentials()).toHaveLength(1);

  await manage.verifyCode(code);

  const newManage = new Manage(newBrowser.page);
  expect(await newManage.anchor()).toBe(anchor);
  expect(newBrowser.page.url()).toContain('#/manage');
  expect(await newManage.devices.count()).toBe(2);

  // Sessions live in memory: after a reload the old browser logs in again and sees both devices.
  await oldBrowser.page.reload();
  await new Landing(oldBrowser.page).loginReturning();
  // The new device is named after its browser (the add-device screen asks for no name).
  const aliases = await new Manage(oldBrowser.page).aliases();
  expect(aliases).toHaveLength(2);
  expect(aliases[0]).toBe('Old laptop');
});

test('a wrong verification code is refused and the device is not added', async () => {
  const oldBrowser = await e2e.session('old device');
  const newBrowser = await e2e.session('new device');
  const { anchor, manage } = await registerAndManage(oldBrowser.page, e2e.env.iiUrl, 'Old laptop');
  await manage.addRemoteButton.click();
  // Registration mode is on; the code field appears once the new device has added itself.
  await oldBrowser.page.getByText('Waiting for the new device', { exact: false }).waitFor();

  const addDevice = await new AddDevice(newBrowser.page).open(e2e.env.iiUrl);
  await addDevice.start(anchor, 'Intruder');
  const code = await addDevice.readCode();
  const wrong = code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));

  await manage.verifyCode(wrong);
  await manage.alert.first().waitFor();
  expect(await manage.alert.first().textContent()).toBeTruthy();
  await oldBrowser.page.reload();
  await new Landing(oldBrowser.page).loginReturning();
  expect(await new Manage(oldBrowser.page).aliases()).toEqual(['Old laptop']);
});
