/**
 * `register`, only where the captcha is off (a canary, localnet): a full registration in the
 * browser on the hostname, with a fresh passkey, to the manage screen of the new anchor.
 */
import { Landing, Manage, RecoverySetup, Register, VirtualDevice } from '@ii/frontend/e2e';
import { type FlowContext, checkGuards, fail, withBrowser } from './context.js';

export async function registerFlow(ctx: FlowContext): Promise<void> {
  const { steps, hostname, target } = ctx;
  if (target.captcha)
    fail('assertion', `the ${target.name} target asks for a captcha: register cannot run there`);
  await withBrowser(ctx, async (_context, page, guards) => {
    await VirtualDevice.platform('probe register').attach(page);
    const landing = await steps.run('load', () => new Landing(page).open(`https://${hostname}`));
    const register = new Register(page);
    const anchor = await steps.run('register', async () => {
      await landing.register();
      await register.createPasskey('probe');
      return register.anchor();
    });
    await steps.run('manage', async () => {
      await register.confirmSaved();
      await new RecoverySetup(page).skipButton.click();
      const shown = await new Manage(page).anchor();
      if (shown !== anchor)
        fail('assertion', `manage shows anchor ${shown}, registration gave ${anchor}`);
    });
    checkGuards(guards);
  });
}
