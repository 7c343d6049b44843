import type { Locator, Page } from 'playwright-core';

/** The registration screens: captcha + device name, then the new anchor to write down. */
export class Register {
  constructor(readonly page: Page) {}

  get captchaImage(): Locator {
    return this.page.getByTestId('captcha-image');
  }
  get captchaInput(): Locator {
    return this.page.getByLabel('Characters shown', { exact: true });
  }
  get aliasInput(): Locator {
    return this.page.getByLabel('Device name', { exact: true });
  }
  /** The alert about the captcha (wrong answer, image not loaded), under its field. */
  get captchaAlert(): Locator {
    return this.page.getByTestId('captcha-alert');
  }
  get newCaptchaButton(): Locator {
    return this.page.getByRole('button', { name: 'Show another image', exact: true });
  }
  get submitButton(): Locator {
    return this.page.getByTestId('register-submit');
  }
  get newAnchor(): Locator {
    return this.page.getByTestId('new-anchor');
  }
  get savedButton(): Locator {
    return this.page.getByTestId('anchor-saved');
  }

  /** Whether the captcha image decoded to a real picture (not a broken image). */
  async captchaLoaded(): Promise<boolean> {
    await this.captchaImage.waitFor();
    return this.captchaImage.evaluate(
      (img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
    );
  }

  /** Solves the captcha (any text while it is disabled), names the device, creates the passkey. */
  async createPasskey(alias: string, captcha = 'abc'): Promise<void> {
    await this.captchaInput.fill(captcha);
    await this.aliasInput.fill(alias);
    await this.submitButton.click();
  }

  /** The anchor shown once registration succeeded (digits only). */
  async anchor(): Promise<string> {
    await this.newAnchor.waitFor();
    const text = (await this.newAnchor.textContent()) ?? '';
    const m = /\d+/.exec(text);
    if (!m) throw new Error(`no anchor number in ${JSON.stringify(text)}`);
    return m[0];
  }

  async confirmSaved(): Promise<void> {
    await this.savedButton.click();
  }
}
