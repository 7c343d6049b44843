// Every other screen of the README, in the order a user meets them (captcha off, fresh localnet,
// so the first anchor is 10000).
import { test } from 'vitest';
import { useE2e } from '../support/harness.js';
import {
  AddDevice,
  Authorize,
  Dapp,
  Landing,
  Manage,
  Recover,
  RecoverySetup,
  Register,
} from '../support/views/index.js';
import { README_VIEWPORT, shoot } from './shoot.test-support.js';

const e2e = useE2e();
const LONG_NAME = 'Rindfleischetikettierungsueberwachungsaufgabenuebertragungsgesetz'.slice(0, 64);

test('the README screenshots', async () => {
  const s = await e2e.session('registering browser');
  const page = s.page;
  await page.setViewportSize(README_VIEWPORT);

  const landing = await new Landing(page).open(e2e.env.iiUrl);
  await landing.registerButton.waitFor();
  await shoot(page, 'landing');

  await landing.register();
  const register = new Register(page);
  await register.createPasskey('Chrome on Linux');
  await register.anchor();
  await shoot(page, 'new-anchor');
  await register.confirmSaved();

  const setup = new RecoverySetup(page);
  await setup.setupPhraseButton.waitFor();
  await shoot(page, 'recovery-offer');
  await setup.setupPhraseButton.click();
  const phrase = await setup.readPhrase();
  await shoot(page, 'recovery-phrase');
  await setup.finish({ protect: true });

  const manage = new Manage(page);
  await manage.recoveryDevices.first().waitFor();
  await setup.confirmation.waitFor();
  await shoot(page, 'manage');

  await manage.addPasskeyButton.click();
  await page.getByTestId('add-passkey-alert').waitFor();
  await shoot(page, 'manage-passkey-exists');

  const alias = (await manage.recoveryDevices.getByTestId('device-alias').textContent())!.trim();
  await manage.startRemove(alias);
  await shoot(page, 'remove-locked-phrase');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel', exact: true }).click();

  await manage.addRemoteButton.click();
  await page.getByText('Waiting for the new device', { exact: false }).waitFor();
  await shoot(page, 'add-remote');
  await page.getByTestId('add-remote-panel').getByRole('button', { name: 'Cancel' }).click();

  await manage.rename('Chrome on Linux', LONG_NAME);
  await manage.device(LONG_NAME).waitFor();
  await page.setViewportSize({ width: 360, height: 740 });
  await shoot(page, 'manage-long-name');
  await page.setViewportSize(README_VIEWPORT);

  // Another browser: adding itself, and recovering with the phrase.
  const other = await e2e.session('other browser');
  await other.page.setViewportSize(README_VIEWPORT);
  const addDevice = await new AddDevice(other.page).open(e2e.env.iiUrl);
  await addDevice.anchorInput.waitFor();
  await shoot(other.page, 'add-device');

  const recover = await new Recover(other.page).open(e2e.env.iiUrl);
  await recover.phraseInput.waitFor();
  await shoot(other.page, 'recover');
  const words = phrase.split(' ');
  // A realistic typo: the first word with a letter left out.
  const typo = words[1].length > 4 ? words[1].slice(0, 4) + words[1].slice(5) : `${words[1]}x`;
  await recover.withPhrase([words[0], typo, ...words.slice(2)].join(' '));
  await recover.alert.waitFor();
  await shoot(other.page, 'recover-error');
  await recover.withPhrase(phrase);
  await new Manage(other.page).anchor();
  await shoot(other.page, 'manage-recovered');

  // The authorize popup, at auth-client's popup size, before the one click.
  const dapp = await new Dapp(await s.context.newPage()).open(e2e.env.dappOrigin(), e2e.env.iiUrl);
  const popup = await s.popup(() => dapp.loginButton.click());
  await popup.setViewportSize({ width: 500, height: 500 });
  await new Authorize(popup).landing.returningButton.waitFor();
  await shoot(popup, 'authorize');
  await popup.close();
  await dapp.page.locator('body[data-state=error]').waitFor();
  await dapp.page.setViewportSize({ width: 800, height: 400 });
  await shoot(dapp.page, 'dapp-cancelled');
});
