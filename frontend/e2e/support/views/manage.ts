import type { Locator, Page } from 'playwright-core';

/** `#/manage`: the anchor, its devices, adding and removing them, recovery, log out. */
export class Manage {
  constructor(readonly page: Page) {}

  get anchorNumber(): Locator {
    return this.page.getByTestId('anchor-number');
  }
  get devices(): Locator {
    return this.page.getByTestId('device');
  }
  get recoveryDevices(): Locator {
    return this.page.locator('[data-testid="device"][data-recovery]');
  }
  device(alias: string): Locator {
    return this.devices.filter({ hasText: alias });
  }
  get addPasskeyButton(): Locator {
    return this.page.getByTestId('add-passkey');
  }
  get addRemoteButton(): Locator {
    return this.page.getByTestId('add-remote');
  }
  get codeInput(): Locator {
    return this.page.getByLabel('Verification code', { exact: true });
  }
  get verifyButton(): Locator {
    return this.page.getByTestId('verify-code');
  }
  get setupRecoveryButton(): Locator {
    return this.page.getByTestId('setup-recovery');
  }
  get logoutButton(): Locator {
    return this.page.getByTestId('logout');
  }
  get confirmRemoveButton(): Locator {
    return this.page.getByTestId('confirm-remove');
  }
  get removePhraseInput(): Locator {
    return this.page.getByRole('dialog').getByLabel('Recovery phrase', { exact: true });
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  /** Waits for the screen and returns the anchor it shows. */
  async anchor(): Promise<string> {
    await this.anchorNumber.waitFor();
    const m = /\d+/.exec((await this.anchorNumber.textContent()) ?? '');
    if (!m) throw new Error('no anchor number on the manage screen');
    return m[0];
  }

  /** The aliases of the listed devices, in order. */
  async aliases(): Promise<string[]> {
    await this.devices.first().waitFor();
    const out: string[] = [];
    for (const d of await this.devices.all()) {
      const alias = d.getByTestId('device-alias');
      out.push(
        ((await alias.count()) > 0 ? await alias.textContent() : await d.textContent())?.trim() ??
          '',
      );
    }
    return out;
  }

  async rename(alias: string, newAlias: string): Promise<void> {
    await this.page.getByRole('button', { name: `Rename ${alias}`, exact: true }).click();
    const input = this.page.getByRole('dialog').getByLabel('Device name', { exact: true });
    await input.fill(newAlias);
    await this.page.getByTestId('confirm-rename').click();
  }

  /** Opens the remove dialog of `alias` (warnings show there) without confirming. */
  async startRemove(alias: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${alias}`, exact: true }).click();
    await this.confirmRemoveButton.waitFor();
  }

  /** Confirms the open remove dialog, typing `phrase` first when the device is locked. */
  async confirmRemove(phrase?: string): Promise<void> {
    if (phrase !== undefined) await this.removePhraseInput.fill(phrase);
    await this.confirmRemoveButton.click();
  }

  /** Enters the verification code the new device shows. */
  async verifyCode(code: string): Promise<void> {
    await this.codeInput.fill(code);
    await this.verifyButton.click();
  }
}
