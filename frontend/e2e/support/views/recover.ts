import type { Locator, Page } from 'playwright-core';

/** `#/recover`: the recovery phrase (or a recovery security key). */
export class Recover {
  constructor(readonly page: Page) {}

  async open(iiUrl: string): Promise<this> {
    await this.page.goto(`${iiUrl}/#/recover`);
    return this;
  }

  get phraseInput(): Locator {
    return this.page.getByLabel('Recovery phrase', { exact: true });
  }
  get submitButton(): Locator {
    return this.page.getByTestId('recover-submit');
  }
  /** "Use a recovery security key" (`data-testid=recover-with-key`). */
  get securityKeyButton(): Locator {
    return this.page.getByTestId('recover-with-key');
  }

  /** The security-key path asks for the anchor, then the key signs. */
  async withSecurityKey(anchor: string): Promise<void> {
    await this.securityKeyButton.click();
    await this.page.getByLabel('Identity anchor', { exact: true }).fill(anchor);
    await this.page.getByTestId('recover-key-submit').click();
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async withPhrase(phrase: string): Promise<void> {
    await this.phraseInput.fill(phrase);
    await this.submitButton.click();
  }
}
