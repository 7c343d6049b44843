/**
 * `page`: the app loads on the hostname over HTTPS with a trusted certificate, renders, shows no
 * CSP violation, console error or failed request, tells the page the target's canister id, and
 * its certification verifies against the target's root key.
 */
import { watchSecurityState } from '@ii/frontend/e2e';
import { type FlowContext, checkGuards, fail, withBrowser } from './context.js';
import { verifyCertification } from './certification.js';

export async function pageFlow(ctx: FlowContext): Promise<void> {
  const { steps, hostname, target } = ctx;
  await withBrowser(ctx, async (_context, page, guards) => {
    const security = await watchSecurityState(page);
    const response = await steps.run('load', () => page.goto(`https://${hostname}/`));
    if (!response) fail('network', `no response from https://${hostname}/`);
    if (response.status() !== 200)
      fail('http_status', `https://${hostname}/ answered ${response.status()}`);
    await steps.run('render', async () => {
      await page.getByTestId('register').or(page.getByTestId('login-returning')).first().waitFor();
      // The app's first API calls (status, root key) happen right after it renders.
      await page.waitForLoadState('networkidle');
    });
    const state = security.current();
    if (state && state.securityState !== 'secure')
      fail(
        'tls',
        `the connection is ${state.securityState}${state.certificateNetworkError ? ` (${state.certificateNetworkError})` : ''}`,
      );
    checkGuards(guards);
    const configText = await page.locator('#ii-config').textContent();
    let canisterId: unknown;
    try {
      canisterId = (JSON.parse(configText ?? '') as { canisterId?: unknown }).canisterId;
    } catch {
      fail('assertion', 'the page has no readable #ii-config');
    }
    if (canisterId !== target.canisterId)
      fail(
        'canister_id_mismatch',
        `the page uses canister ${String(canisterId)}, the target is ${target.canisterId}`,
      );
  });
  await steps.run('certification', () => verifyCertification(target, '/'));
}
