// Journey: recovery. A locked recovery phrase restores access from a fresh browser and cannot be
// removed without typing it; a recovery security key works as well. Setting up a phrase: numbered
// words, locking explained, a way back, a confirmation. A malformed phrase says what is wrong.
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

  // The phrase row: one label for the phrase, and it is the one this session logged in with.
  const row = recovered.recoveryDevices;
  const rowText = ((await row.textContent()) ?? '').toLowerCase();
  expect(rowText.split('recovery phrase').length - 1).toBe(1);
  expect(await row.getByTestId('device-current').textContent()).toBe('you logged in with it');
  expect(rowText).not.toContain('this device');
  expect(await row.getByTestId('device-last-used').textContent()).toBe('Last used: now');

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

test('a recovery phrase with a typo, too few words, a bad checksum or no anchor says what is wrong', async () => {
  const s = await e2e.session();
  const recover = await new Recover(s.page).open(e2e.env.iiUrl);
  const words = `${'abandon '.repeat(23)}art`.split(' ');
  const cases: [string, string][] = [
    [
      `10000 ${['abandn', ...words.slice(1)].join(' ')}`,
      '"abandn" (word 1) is not a recovery phrase word. Did you mean "abandon"?',
    ],
    [
      `10000 ${words.slice(1).join(' ')}`,
      'A recovery phrase has 24 words after the anchor number; this one has 23.',
    ],
    [
      `10000 ${[...words.slice(0, 23), 'about'].join(' ')}`,
      'Every word is a recovery phrase word, but together they are not a valid phrase',
    ],
    [words.join(' '), 'A recovery phrase starts with the anchor number'],
  ];
  for (const [phrase, expected] of cases) {
    await recover.withPhrase(phrase);
    await recover.alert.waitFor();
    const text = (await recover.alert.textContent()) ?? '';
    expect(text, phrase).toContain(expected);
    expect(text).not.toContain('Something went wrong');
    expect(text).not.toContain('There is no Internet Identity');
    // Editing the phrase dismisses the message about the old text.
    await recover.phraseInput.fill('');
    await recover.alert.waitFor({ state: 'detached' });
  }
  // A well-formed phrase that is not this anchor's says so, naming the anchor.
  await recover.withPhrase(`10000 ${words.join(' ')}`);
  await recover.alert.waitFor();
  expect(await recover.alert.textContent()).toContain(
    'This is not the recovery phrase of Internet Identity 10000',
  );
});

test('the phrase screen numbers the words, explains locking, has a way back and confirms', async () => {
  const s = await e2e.session();
  const { manage } = await registerAndManage(s.page, e2e.env.iiUrl);
  const setup = new RecoverySetup(s.page);

  // Back leaves without adding anything.
  await manage.setupRecoveryButton.click();
  await setup.phrase.waitFor();
  await setup.backButton.click();
  await manage.anchorNumber.waitFor();
  expect(await manage.recoveryDevices.count()).toBe(0);

  await manage.setupRecoveryButton.click();
  await setup.phrase.waitFor();
  // 24 words in an ordered list: the numbers 1..24 are list markers, not part of the text.
  expect(await setup.words.count()).toBe(24);
  const numbering = await setup.words.evaluateAll((items) =>
    items.map((li) => [getComputedStyle(li).display, getComputedStyle(li).listStyleType]),
  );
  expect(new Set(numbering.map((n) => n.join(' ')))).toEqual(new Set(['list-item decimal']));
  const phrase = await setup.readPhrase();
  expect(phrase.split(' ').slice(1).join(' ')).toMatch(/^[a-z]+( [a-z]+){23}$/);
  // Locking is explained where it is chosen, before choosing.
  await expect(setup.lockExplanation.isVisible()).resolves.toBe(true);
  expect(await setup.lockExplanation.textContent()).toContain(
    'can only be removed by entering the phrase itself',
  );
  const describedBy = await setup.protectCheckbox.getAttribute('aria-describedby');
  expect(await setup.lockExplanation.getAttribute('id')).toBe(describedBy);

  await setup.finish({ protect: false });
  await manage.anchorNumber.waitFor();
  await setup.confirmation.waitFor();
  expect(await setup.confirmation.textContent()).toContain('Your recovery phrase is set up');
  expect(await manage.recoveryDevices.count()).toBe(1);
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
