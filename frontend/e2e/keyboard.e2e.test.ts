// Journey: keyboard only. On the landing and manage screens every control can be reached with Tab,
// and every control has an accessible name.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { registerAndManage } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { Landing } from './support/views/index.js';

const e2e = useE2e();

const CONTROLS = 'a[href], button, input, select, textarea, [role=button], [role=link], [tabindex]';

interface Control {
  id: string;
  name: string;
}

/** Tags every visible, enabled control and returns it with its accessible name. */
async function controls(page: Page): Promise<Control[]> {
  const handles = await page.locator(CONTROLS).all();
  const out: Control[] = [];
  let n = 0;
  for (const h of handles) {
    if (!(await h.isVisible()) || !(await h.isEnabled())) continue;
    if ((await h.getAttribute('tabindex')) === '-1') continue;
    const id = `kb-${n++}`;
    await h.evaluate((el, v) => el.setAttribute('data-kb', v), id);
    const snapshot = await h.ariaSnapshot();
    // `- button "Name"` / `- textbox "Name"`: the quoted part is the accessible name.
    const m = /^- [\w-]+ "(.*?)"/.exec(snapshot.split('\n')[0]);
    out.push({ id, name: m?.[1]?.trim() ?? '' });
  }
  return out;
}

/** Presses Tab until focus comes back around; returns the tagged controls that got focus. */
async function tabThrough(page: Page, max: number): Promise<Set<string>> {
  const seen = new Set<string>();
  await page.locator('body').focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-kb') ?? null);
    if (id) seen.add(id);
  }
  return seen;
}

async function expectKeyboardReachable(page: Page): Promise<void> {
  const list = await controls(page);
  expect(list.length).toBeGreaterThan(0);
  const unnamed = list.filter((c) => c.name === '');
  expect(unnamed.map((c) => c.id)).toEqual([]);
  const reached = await tabThrough(page, list.length * 2 + 5);
  const missed = list.filter((c) => !reached.has(c.id)).map((c) => `${c.id} "${c.name}"`);
  expect(missed).toEqual([]);
}

test('the landing screen works with Tab alone and names every control', async () => {
  const s = await e2e.session();
  const landing = await new Landing(s.page).open(e2e.env.iiUrl);
  await landing.registerButton.waitFor();
  await expectKeyboardReachable(s.page);
});

test('the manage screen works with Tab alone and names every control', async () => {
  const s = await e2e.session();
  const { manage } = await registerAndManage(s.page, e2e.env.iiUrl);
  await manage.devices.first().waitFor();
  await expectKeyboardReachable(s.page);
});

test('an identity can be created with the keyboard alone', async () => {
  const s = await e2e.session();
  const landing = await new Landing(s.page).open(e2e.env.iiUrl);
  await landing.registerButton.focus();
  await s.page.keyboard.press('Enter');
  const captcha = s.page.getByLabel('Characters shown', { exact: true });
  await captcha.focus();
  await s.page.keyboard.type('abc');
  // Next in tab order: the "Show another image" link, then the device name.
  await s.page.keyboard.press('Tab');
  await expect(s.page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
    'Show another image',
  );
  await s.page.keyboard.press('Tab');
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.type('Keyboard laptop');
  await expect(
    s.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
  ).resolves.toBe('alias');
  await s.page.keyboard.press('Enter');
  await s.page.getByTestId('new-anchor').waitFor();
});
