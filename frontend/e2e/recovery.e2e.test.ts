// Journey: recovery. A locked recovery phrase restores access from a fresh browser and cannot be
// removed without typing it; a recovery security key works as well.
import { expect, test } from 'vitest';
import { VirtualDevice } from './support/authenticator.js';
import { registerAndManage, setUpRecoveryPhrase } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { Manage, Recover, RecoverySetup } from './support/views/index.js';

const e2e = useE2e();

test('a locked recovery phrase restores access and is only removed with the phrase', async () => {
  const s = await e2e.session('registering browser');
  const { anchor, manage } = await registerAndManage(s.page, e2e.env.iiUrl);

  const phrase = await setUpRecoveryPhrase(s.page, true);
  const words = phrase.split(' ');
  expect(words[0]).toBe(anchor);
  expect(words).toHaveLength(25);
  expect(await manage.recoveryDevices.count()).toBe(1);
  await expect(manage.recoveryDevices.getByTestId('device-locked').isVisible()).resolves.toBe(true);

  // A browser with no passkey at all recovers with the phrase.
  const fresh = await e2e.session('fresh browser');
  const recover = await new Recover(fresh.page).open(e2e.env.iiUrl);
  await recover.withPhrase(phrase);
  const recovered = new Manage(fresh.page);
  expect(await recovered.anchor()).toBe(anchor);

  // Removing the locked phrase asks for it: a wrong phrase is refused, the right one works.
  const alias = (await recovered.recoveryDevices.getByTestId('device-alias').textContent())!.trim();
  await recovered.startRemove(alias);
  await expect(recovered.removePhraseInput.isVisible()).resolves.toBe(true);
  const wrong = [anchor, ...words.slice(1).reverse()].join(' ');
  await recovered.confirmRemove(wrong);
  await recovered.alert.first().waitFor();
  // Sessions live in memory: log in again with the phrase and look at the canister's list.
  await fresh.page.reload();
  await (await new Recover(fresh.page).open(e2e.env.iiUrl)).withPhrase(phrase);
  expect(await new Manage(fresh.page).anchor()).toBe(anchor);
  expect(await new Manage(fresh.page).recoveryDevices.count()).toBe(1);

  const again = new Manage(fresh.page);
  await again.startRemove(alias);
  await again.confirmRemove(phrase);
  await again.recoveryDevices.first().waitFor({ state: 'detached' });
  expect(await again.recoveryDevices.count()).toBe(0);
});

test('a recovery security key restores access from a fresh browser', async () => {
  const s = await e2e.session('registering browser');
  const { anchor, manage } = await registerAndManage(s.page, e2e.env.iiUrl);

  // Only the key is plugged in while it is registered (one authenticator answers).
  const key = VirtualDevice.securityKey('recovery key');
  await s.passkeys.detach(s.page);
  await key.attach(s.page);
  await manage.setupRecoveryButton.click();
  // From the recovery offer, or from the phrase screen's "use a security key instead".
  const setup = new RecoverySetup(s.page);
  await setup.setupKeyButton.or(s.page.getByTestId('recovery-security-key')).first().click();
  await manage.recoveryDevices.first().waitFor();
  expect(await manage.recoveryDevices.count()).toBe(1);
  expect(await key.credentials()).toHaveLength(1);

  const fresh = await e2e.session('fresh browser');
  await fresh.passkeys.detach(fresh.page);
  await key.attach(fresh.page);
  const recover = await new Recover(fresh.page).open(e2e.env.iiUrl);
  await recover.withSecurityKey(anchor);
  expect(await new Manage(fresh.page).anchor()).toBe(anchor);
});
