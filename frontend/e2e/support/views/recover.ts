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
  /** Not in the written contract yet: proposed `data-testid=recover-with-key`. */
  get securityKeyButton(): Locator {
    return this.page.getByTestId('recover-with-key');
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async withPhrase(phrase: string): Promise<void> {
    await this.phraseInput.fill(phrase);
    await this.submitButton.click();
  }
}
