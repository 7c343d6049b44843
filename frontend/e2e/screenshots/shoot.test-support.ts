/** Where the README's screenshots go, and how they are taken (800 px wide, full page, light). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'docs',
  'screenshots',
);

export const README_VIEWPORT = { width: 800, height: 900 };

/** Saves `name`.png with animations stopped and no text caret, so reruns differ only in data. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
  });
}
