import type { Locator, Page } from 'playwright-core';

/**
 * The test dapp (test-dapp/): logs in with an unmodified @dfinity/auth-client; the principal it
 * shows comes from its canister's `whoami`, i.e. the canister authenticated the delegation.
 * `?ii=<url>` points it at an identity provider; body[data-state] is loading | ready | signed-in | error.
 */
export class Dapp {
  constructor(readonly page: Page) {}

  async open(dappOrigin: string, iiUrl: string): Promise<this> {
    await this.page.goto(`${dappOrigin}/?ii=${encodeURIComponent(iiUrl)}`);
    await this.page.locator('body[data-state=ready], body[data-state=signed-in]').waitFor();
    return this;
  }

  get loginButton(): Locator {
    return this.page.getByTestId('login');
  }
  get logoutButton(): Locator {
    return this.page.getByTestId('logout');
  }
  get principalOutput(): Locator {
    return this.page.getByTestId('principal');
  }
  get identityProvider(): Locator {
    return this.page.getByTestId('identity-provider');
  }

  /** Waits for the signed-in state and returns the principal `whoami` answered. */
  async principal(): Promise<string> {
    await this.page.locator('body[data-state=signed-in]').waitFor();
    return ((await this.principalOutput.textContent()) ?? '').trim();
  }

  async logout(): Promise<void> {
    await this.logoutButton.click();
    await this.page.locator('body[data-state=ready]').waitFor();
  }
}
