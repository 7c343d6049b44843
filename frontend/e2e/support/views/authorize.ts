import type { Locator, Page } from 'playwright-core';
import { Landing } from './landing.js';

/** `#authorize` in the auth-client popup: who is asking, log in, continue. */
export class Authorize {
  readonly landing: Landing;
  constructor(readonly page: Page) {
    this.landing = new Landing(page);
  }

  get origin(): Locator {
    return this.page.getByTestId('authorize-origin');
  }
  get continueButton(): Locator {
    return this.page.getByTestId('authorize-continue');
  }

  /** Continues and waits for the window to close itself (the dapp got its delegation). */
  async approve(): Promise<void> {
    const closed = this.page.waitForEvent('close');
    await this.continueButton.click();
    await closed;
  }
}
