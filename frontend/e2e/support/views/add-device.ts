import type { Locator, Page } from 'playwright-core';

/** `#/add-device` on the new device: the anchor, then the code to type on the old device. */
export class AddDevice {
  constructor(readonly page: Page) {}

  async open(iiUrl: string): Promise<this> {
    await this.page.goto(`${iiUrl}/#/add-device`);
    return this;
  }

  get anchorInput(): Locator {
    return this.page.getByLabel('Identity anchor', { exact: true });
  }
  get aliasInput(): Locator {
    return this.page.getByLabel('Device name', { exact: true });
  }
  get code(): Locator {
    return this.page.getByTestId('verification-code');
  }

  /** Enters the anchor (and a device name when asked) and continues. */
  async start(anchor: string, alias: string): Promise<void> {
    await this.anchorInput.fill(anchor);
    if (await this.aliasInput.isVisible()) await this.aliasInput.fill(alias);
    await this.page
      .getByTestId('login-submit')
      .or(this.page.getByRole('button', { name: 'Continue', exact: true }))
      .first()
      .click();
  }

  /** The verification code, digits only. */
  async readCode(): Promise<string> {
    await this.code.waitFor();
    const m = /\d{4,}/.exec((await this.code.textContent()) ?? '');
    if (!m) throw new Error('no verification code shown');
    return m[0];
  }
}
