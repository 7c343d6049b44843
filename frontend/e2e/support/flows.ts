/**
 * Reusable journeys, built from the page objects. Each leaves the page where a user would be
 * (manage, usually) and returns what a later step needs.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Session } from './harness.js';
import { Authorize, type Dapp, Landing, Manage, RecoverySetup, Register } from './views/index.js';

export interface Registered {
  anchor: string;
  alias: string;
}

/**
 * Landing → Create → captcha + device name → passkey → anchor shown → saved → recovery offer
 * skipped. Returns on the manage screen (or, in an authorize popup, on the consent screen).
 */
export async function registerNewIdentity(
  page: Page,
  iiUrl: string | null,
  alias = 'Chromium passkey',
): Promise<Registered> {
  const landing = iiUrl === null ? new Landing(page) : await new Landing(page).open(iiUrl);
  if (await landing.otherButton.isVisible()) await landing.otherButton.click();
  await landing.register();
  const register = new Register(page);
  await register.createPasskey(alias);
  const anchor = await register.anchor();
  await register.confirmSaved();
  await new RecoverySetup(page).skipButton.click();
  return { anchor, alias };
}

/** Registers, then waits for the manage screen of the new anchor. */
export async function registerAndManage(page: Page, iiUrl: string, alias?: string) {
  const r = await registerNewIdentity(page, iiUrl, alias);
  const manage = new Manage(page);
  expect(await manage.anchor()).toBe(r.anchor);
  return { ...r, manage };
}

/** "Continue as <anchor>" on the landing screen, then the manage screen. */
export async function loginReturning(page: Page, iiUrl: string): Promise<Manage> {
  const landing = await new Landing(page).open(iiUrl);
  await landing.loginReturning();
  return new Manage(page);
}

/** Types the anchor on the landing screen, then the manage screen. */
export async function loginWithAnchor(page: Page, iiUrl: string, anchor: string): Promise<Manage> {
  const landing = await new Landing(page).open(iiUrl);
  await landing.loginWithAnchor(anchor);
  return new Manage(page);
}

/** Manage → Set up recovery phrase → phrase written down (optionally locked). */
export async function setUpRecoveryPhrase(page: Page, protect: boolean): Promise<string> {
  const manage = new Manage(page);
  await manage.setupRecoveryButton.click();
  const setup = new RecoverySetup(page);
  // Manage may open the recovery offer first (phrase or security key), with the same test id.
  await setup.phrase.or(setup.setupKeyButton).first().waitFor();
  if (!(await setup.phrase.isVisible())) await setup.setupPhraseButton.click();
  const phrase = await setup.readPhrase();
  await setup.finish({ protect });
  await manage.anchorNumber.waitFor();
  return phrase;
}

export type PopupLogin =
  { kind: 'returning' } | { kind: 'anchor'; anchor: string } | { kind: 'register' };

/**
 * In the dapp: Log in → the `#authorize` popup (with this profile's passkeys copied in) shows the
 * dapp's origin → log in → the popup closes → the dapp shows `whoami`'s principal. Logging in
 * with an existing passkey (remembered or typed anchor) is the consent: the popup closes without
 * another click; a new identity is confirmed with Continue.
 */
export async function authorizeFromDapp(
  session: Session,
  dapp: Dapp,
  how: PopupLogin,
  expectedOrigin: string,
  onPopup?: (popup: Page) => Promise<void>,
): Promise<{ principal: string; popup: Page; anchor?: string }> {
  const popup = await session.popup(() => dapp.loginButton.click());
  const authorize = new Authorize(popup);
  await authorize.origin.waitFor();
  if (onPopup) await onPopup(popup);
  expect((await authorize.origin.textContent())?.trim()).toBe(expectedOrigin);
  let anchor: string | undefined;
  if (how.kind === 'register') {
    anchor = (await registerNewIdentity(popup, null, 'Popup passkey')).anchor;
    await authorize.approve();
  } else {
    const closed = popup.waitForEvent('close');
    if (how.kind === 'returning') await authorize.landing.loginReturning();
    else await authorize.landing.loginWithAnchor(how.anchor);
    await closed;
  }
  return { principal: await dapp.principal(), popup, anchor };
}
