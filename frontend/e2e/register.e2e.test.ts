// Journey: a new user creates an Internet Identity (captcha, passkey, device name), sees the anchor
// and is offered a recovery method.
import { expect, test } from 'vitest';
import { useE2e } from './support/harness.js';
import { Landing, Manage, RecoverySetup, Register } from './support/views/index.js';

const e2e = useE2e();

test('registers with captcha, passkey and device name, shows the anchor and offers recovery', async () => {
  const s = await e2e.session();
  const landing = await new Landing(s.page).open(e2e.env.iiUrl);
  await landing.register();

  const register = new Register(s.page);
  expect(await register.captchaLoaded()).toBe(true);
  expect(await s.passkeys.credentials()).toHaveLength(0);
  await register.createPasskey('Work laptop');

  const anchor = await register.anchor();
  expect(anchor).toMatch(/^\d+$/);
  // The passkey now lives in this browser's authenticator, scoped to II's hostname.
  const [credential, ...more] = await s.passkeys.credentials();
  expect(more).toHaveLength(0);
  expect(credential.rpId).toBe(new URL(e2e.env.iiUrl).hostname);
  await register.confirmSaved();

  const offer = new RecoverySetup(s.page);
  await expect(offer.setupPhraseButton.isVisible()).resolves.toBe(true);
  await expect(offer.skipButton.isVisible()).resolves.toBe(true);
  await offer.skipButton.click();

  const manage = new Manage(s.page);
  expect(await manage.anchor()).toBe(anchor);
  expect(await manage.aliases()).toEqual(['Work laptop']);
});

test('two registrations get two different anchors', async () => {
  const a = await e2e.session('first');
  const b = await e2e.session('second');
  const anchors: string[] = [];
  for (const s of [a, b]) {
    await (await new Landing(s.page).open(e2e.env.iiUrl)).register();
    const register = new Register(s.page);
    await register.createPasskey('Phone');
    anchors.push(await register.anchor());
  }
  expect(anchors[0]).not.toBe(anchors[1]);
});
