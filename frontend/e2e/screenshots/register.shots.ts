// The registration screens with the captcha on (a wrong answer needs a real captcha).
import { test } from 'vitest';
import { useE2e } from '../support/harness.js';
import { Landing, Register } from '../support/views/index.js';
import { README_VIEWPORT, shoot } from './shoot.test-support.js';

const e2e = useE2e({ captcha: true });

test('register, and the retry after a wrong captcha answer', async () => {
  const s = await e2e.session();
  await s.page.setViewportSize(README_VIEWPORT);
  await (await new Landing(s.page).open(e2e.env.iiUrl)).register();
  const register = new Register(s.page);
  await register.captchaLoaded();
  await shoot(s.page, 'register');
  // "0" is never drawn, so this answer is wrong whatever the image shows.
  await register.createPasskey('Chrome on Linux', '00000');
  await register.captchaAlert.waitFor();
  await register.captchaLoaded();
  await shoot(s.page, 'register-retry');
});
