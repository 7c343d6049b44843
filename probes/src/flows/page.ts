/**
 * `page`: the app loads on the hostname over HTTPS with a trusted certificate, renders, tells the
 * page the target's canister id, makes its first canister call (the anchor lookup that starts a
 * login) with no CSP violation, console error or failed request, and what it serves verifies
 * against the target's root key.
 */
import { Landing, watchSecurityState } from '@ii/frontend/e2e';
import { ProbeFailure } from '../result.js';
import { type FlowContext, checkGuards, fail, withBrowser } from './context.js';
import { verifyCertification } from './certification.js';

/** An anchor to look up when the probe has none of its own: the first one of every deployment. */
const FIRST_ANCHOR = '10000';

export async function pageFlow(ctx: FlowContext): Promise<void> {
  const { steps, hostname, target } = ctx;
  await withBrowser(ctx, async (_context, page, guards) => {
    const security = await watchSecurityState(page);
    const response = await steps.run('load', () => page.goto(`https://${hostname}/`));
    if (!response) fail('network', `no response from https://${hostname}/`);
    if (response.status() !== 200) {
      // A gateway answers 500 when a response does not verify: say so when that is why.
      const why = await verifyCertification(target, '/').then(
        () => undefined,
        (e: unknown) => e,
      );
      if (why instanceof ProbeFailure && why.reason === 'certification') throw why;
      fail('http_status', `https://${hostname}/ answered ${response.status()}`);
    }
    const landing = new Landing(page);
    await steps.run('render', () =>
      landing.registerButton.or(landing.returningButton).first().waitFor(),
    );
    const state = security.current();
    if (state && state.securityState !== 'secure')
      fail(
        'tls',
        `the connection is ${state.securityState}${state.certificateNetworkError ? ` (${state.certificateNetworkError})` : ''}`,
      );
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
    // The app calls the API only once the user acts: start a login (the anchor lookup), and stop
    // at the passkey prompt. A CSP that forbids the API host the agent calls shows here.
    await steps.run('api-call', async () => {
      await landing.loginWithAnchor(ctx.credentials?.anchor ?? FIRST_ANCHOR);
      await page.waitForLoadState('networkidle');
    });
    checkGuards(guards);
  });
  await steps.run('certification', () => verifyCertification(target, '/'));
}
