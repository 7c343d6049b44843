// Journey: registration with the captcha on. A wrong answer leaves a clean retry: a new image,
// the field empty and focused, one accurate alert right under the field (visible in a small
// popup), and no second "Show another image" button. The field says case does not matter.
import { expect, test } from 'vitest';
import { useE2e } from './support/harness.js';
import { Landing, Register } from './support/views/index.js';

const e2e = useE2e({ captcha: true });

test('a wrong captcha answer gives a clean retry next to the field', async () => {
  const s = await e2e.session();
  // auth-client's popup size: the alert must not end up below the fold.
  await s.page.setViewportSize({ width: 500, height: 500 });
  await (await new Landing(s.page).open(e2e.env.iiUrl)).register();
  const register = new Register(s.page);
  expect(await register.captchaLoaded()).toBe(true);
  const hint = await register.captchaInput.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
  expect(hint).toContain('Upper or lower case does not matter');
  const firstImage = await register.captchaImage.getAttribute('src');

  // No challenge ever shows 0 (it is never drawn), so "00000" is wrong whatever the image.
  await register.createPasskey('Small popup', '00000');
  await register.captchaAlert.waitFor();

  // A new image is already there…
  await expect.poll(() => register.captchaImage.getAttribute('src')).not.toBe(firstImage);
  expect(await register.captchaLoaded()).toBe(true);
  // …so the one alert says so and offers no second "Show another image".
  await expect(s.page.getByRole('alert').count()).resolves.toBe(1);
  expect(await register.captchaAlert.textContent()).toBe(
    'The characters did not match. Here is a new image: type the characters in it.',
  );
  await expect(register.captchaAlert.getByRole('button').count()).resolves.toBe(0);
  await expect(register.newCaptchaButton.count()).resolves.toBe(1);
  // The field is empty and focused, and the alert is tied to it.
  await expect.poll(() => register.captchaInput.inputValue()).toBe('');
  await expect
    .poll(() => register.captchaInput.evaluate((el) => el === document.activeElement))
    .toBe(true);
  const describedBy = (await register.captchaInput.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain(await register.captchaAlert.getAttribute('id'));
  // Next to the field: below it, above the device name and the buttons, and in view.
  const box = async (l: typeof register.captchaInput) => (await l.boundingBox())!;
  const [field, alert, alias, submit] = await Promise.all(
    [register.captchaInput, register.captchaAlert, register.aliasInput, register.submitButton].map(
      box,
    ),
  );
  expect(alert.y).toBeGreaterThanOrEqual(field.y + field.height);
  expect(alert.y + alert.height).toBeLessThanOrEqual(alias.y);
  expect(alert.y + alert.height).toBeLessThanOrEqual(submit.y);
  expect(
    await register.captchaAlert.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }),
  ).toBe(true);
  // The device name the user typed is kept.
  expect(await register.aliasInput.inputValue()).toBe('Small popup');

  // Typing an answer and asking for yet another image starts over from an empty field.
  await register.captchaInput.fill('abc');
  const secondImage = await register.captchaImage.getAttribute('src');
  await register.newCaptchaButton.click();
  await expect.poll(() => register.captchaImage.getAttribute('src')).not.toBe(secondImage);
  await expect.poll(() => register.captchaInput.inputValue()).toBe('');
  await register.captchaAlert.waitFor({ state: 'detached' });
});
