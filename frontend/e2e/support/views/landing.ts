import type { Locator, Page } from 'playwright-core';

/** `#/`: create an identity, log in with an anchor (or as the remembered one), recover, add device. */
export class Landing {
  constructor(readonly page: Page) {}

  async open(iiUrl: string): Promise<this> {
    await this.page.goto(`${iiUrl}/#/`);
    return this;
  }

  get registerButton(): Locator {
    return this.page.getByTestId('register');
  }
  get anchorInput(): Locator {
    return this.page.getByLabel('Identity anchor', { exact: true });
  }
  get continueButton(): Locator {
    return this.page.getByTestId('login-submit');
  }
  get returningButton(): Locator {
    return this.page.getByTestId('login-returning');
  }
  get otherButton(): Locator {
    return this.page.getByTestId('login-other');
  }
  get recoverButton(): Locator {
    return this.page.getByTestId('recover');
  }
  get addDeviceButton(): Locator {
    return this.page.getByTestId('add-device');
  }

  async register(): Promise<void> {
    await this.registerButton.click();
  }

  /** Types an anchor number and continues (the passkey prompt follows). */
  async loginWithAnchor(anchor: string): Promise<void> {
    if (await this.otherButton.isVisible()) await this.otherButton.click();
    await this.anchorInput.fill(anchor);
    await this.continueButton.click();
  }

  async loginReturning(): Promise<void> {
    await this.returningButton.click();
  }
}
