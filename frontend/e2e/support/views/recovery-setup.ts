import type { Locator, Page } from 'playwright-core';

/** The recovery offer (after registration, or from manage) and the recovery phrase screen. */
export class RecoverySetup {
  constructor(readonly page: Page) {}

  get setupPhraseButton(): Locator {
    return this.page.getByTestId('setup-recovery');
  }
  get setupKeyButton(): Locator {
    return this.page.getByTestId('setup-recovery-key');
  }
  get skipButton(): Locator {
    return this.page.getByTestId('skip-recovery');
  }
  get phrase(): Locator {
    return this.page.getByTestId('recovery-phrase');
  }
  get writtenCheckbox(): Locator {
    return this.page.getByLabel('I have written it down', { exact: true });
  }
  get protectCheckbox(): Locator {
    return this.page.getByLabel('Lock this phrase', { exact: true });
  }
  get doneButton(): Locator {
    return this.page.getByTestId('recovery-done');
  }
  get backButton(): Locator {
    return this.page.getByTestId('recovery-back');
  }
  /** What locking the phrase means, shown with the checkbox (its description). */
  get lockExplanation(): Locator {
    return this.page.getByTestId('lock-explanation');
  }
  /** The numbered words (list items), without the anchor number. */
  get words(): Locator {
    return this.phrase.locator('li');
  }
  /** The confirmation shown once a recovery method was set up. */
  get confirmation(): Locator {
    return this.page.getByTestId('notice');
  }

  /** Reads the phrase shown ("<anchor> <24 words>"), normalised to single spaces. */
  async readPhrase(): Promise<string> {
    await this.phrase.waitFor();
    return ((await this.phrase.textContent()) ?? '').trim().split(/\s+/).join(' ');
  }

  async finish(options: { protect: boolean }): Promise<void> {
    await this.writtenCheckbox.check();
    if (options.protect) await this.protectCheckbox.check();
    await this.doneButton.click();
  }
}
