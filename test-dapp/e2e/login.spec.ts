// Signing in to the dapp with Internet Identity, written as a dapp developer writes it: the
// unmodified @dfinity/internet-identity-playwright helper drives II's test build (no passkey).
// After each sign-in the dapp must show the principal its canister's `whoami` saw, i.e. the
// delegation II gave it works for a call.
import { expect, testWithII } from '@dfinity/internet-identity-playwright';
import type { Page } from '@playwright/test';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run through playwright.config.ts (global setup)`);
  return v;
}

const LOCALNET = env('E2E_LOCALNET_URL');
const DAPP = env('E2E_DAPP_URL');
const II_ID = env('E2E_II_ID');
const II_CAPTCHA_ID = env('E2E_II_CAPTCHA_ID');
const ANONYMOUS = '2vxsx-fae';

/** The principal the dapp shows once `whoami` answered for the signed-in identity. */
async function signedInPrincipal(page: Page): Promise<string> {
  await expect(page.locator('body')).toHaveAttribute('data-state', 'signed-in');
  const principal = (await page.getByTestId('principal').textContent()) ?? '';
  expect(principal).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{1,5})+$/);
  expect(principal).not.toBe(ANONYMOUS);
  return principal;
}

testWithII.describe('Internet Identity without captcha', () => {
  testWithII.beforeEach(async ({ iiPage }) => {
    await iiPage.waitReady({ url: LOCALNET, canisterId: II_ID });
  });

  testWithII('signs in with a new identity', async ({ page, iiPage }) => {
    await page.goto(DAPP);
    const identity = await iiPage.signInWithNewIdentity();
    expect(identity).toBeGreaterThanOrEqual(10_000);
    await signedInPrincipal(page);
  });

  testWithII('a returning identity gets the same principal', async ({ page, iiPage }) => {
    await page.goto(DAPP);
    const identity = await iiPage.signInWithNewIdentity();
    const first = await signedInPrincipal(page);
    await page.getByTestId('logout').click();
    await expect(page.getByTestId('principal')).toHaveText('not logged in');

    await iiPage.signInWithIdentity({ identity });
    expect(await signedInPrincipal(page)).toBe(first);
  });

  testWithII('two new identities are two principals', async ({ page, iiPage }) => {
    await page.goto(DAPP);
    await iiPage.signInWithNewIdentity();
    const first = await signedInPrincipal(page);
    await page.getByTestId('logout').click();
    await iiPage.signInWithNewIdentity();
    expect(await signedInPrincipal(page)).not.toBe(first);
  });
});

testWithII.describe('Internet Identity with captcha', () => {
  const iiUrl = `http://${II_CAPTCHA_ID}.localhost:${new URL(LOCALNET).port}`;

  testWithII.beforeEach(async ({ iiPage }) => {
    await iiPage.waitReady({ url: LOCALNET, canisterId: II_CAPTCHA_ID });
  });

  testWithII('signs in with a new identity, typing the captcha', async ({ page, iiPage }) => {
    await page.goto(`${DAPP}?ii=${encodeURIComponent(iiUrl)}`);
    await expect(page.getByTestId('identity-provider')).toContainText(II_CAPTCHA_ID);
    const identity = await iiPage.signInWithNewIdentity({ captcha: true });
    expect(identity).toBeGreaterThanOrEqual(10_000);
    await signedInPrincipal(page);
  });
});
