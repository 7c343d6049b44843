import type { Locator } from 'playwright-core';
import { Dapp } from './dapp.js';

/** The session a test page exports with `?exportSession=1`: an Ed25519 key and its chain. */
export interface ExportedSession {
  key: [string, string];
  chain: {
    publicKey: string;
    delegations: {
      delegation: { pubkey: string; expiration: string; targets?: string[] };
      signature: string;
    }[];
  };
}

/**
 * The test dapp's ICRC pages (test-dapp-icrc/): `/icrc/` signs in with an unmodified
 * @icp-sdk/auth 7.1.0 (ICRC-29 window transport), `/icrc/redirect` through ICRC-167. The
 * principal shown comes from the canister's `whoami` (query) and `whoami_update` (call).
 * Parameters: ii, derivationOrigin, targets, maxTimeToLive, exportSession, auto (redirect only).
 */
export class IcrcDapp extends Dapp {
  async openPage(
    dappOrigin: string,
    iiUrl: string,
    params: Record<string, string> = {},
    path: '/icrc/' | '/icrc/redirect' = '/icrc/',
  ): Promise<this> {
    const q = new URLSearchParams({ ii: iiUrl, ...params });
    await this.page.goto(`${dappOrigin}${path}?${q.toString()}`);
    await this.page
      .locator('body[data-state=ready], body[data-state=signed-in], body[data-state=error]')
      .waitFor();
    return this;
  }

  get principalUpdateOutput(): Locator {
    return this.page.getByTestId('principal-update');
  }
  get errorText(): Locator {
    return this.page.getByTestId('error');
  }

  /** whoami's answer once signed in; a login that failed instead throws with the page's error. */
  override async principal(): Promise<string> {
    await this.page.locator('body[data-state=signed-in], body[data-state=error]').waitFor();
    if ((await this.page.locator('body').getAttribute('data-state')) === 'error')
      throw new Error(`the dapp did not sign in: ${(await this.errorText.textContent()) ?? ''}`);
    return ((await this.principalOutput.textContent()) ?? '').trim();
  }

  /** whoami_update's answer, once signed in. */
  async principalFromUpdate(): Promise<string> {
    await this.page.locator('body[data-state=signed-in]').waitFor();
    return ((await this.principalUpdateOutput.textContent()) ?? '').trim();
  }

  /** The delegation chain the page holds (JSON of @icp-sdk/core's DelegationChain). */
  async chain(): Promise<ExportedSession['chain']> {
    return JSON.parse(
      (await this.page.getByTestId('delegation').textContent()) ?? '',
    ) as ExportedSession['chain'];
  }

  async exportedSession(): Promise<ExportedSession> {
    return JSON.parse(
      (await this.page.getByTestId('session').textContent()) ?? '',
    ) as ExportedSession;
  }

  /** Waits for the error state and returns the alert's text. */
  async failure(): Promise<string> {
    await this.page.locator('body[data-state=error]').waitFor();
    return ((await this.errorText.textContent()) ?? '').trim();
  }
}
