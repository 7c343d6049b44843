/**
 * Waits that return when the page changes, not on Playwright's next poll: a MutationObserver in
 * the page resolves the wait. For benchmarks, where the ~10–100 ms between a change and the
 * poll that notices it would be counted as the app's time. Tests keep Playwright's locators.
 */
import type { Page } from 'playwright-core';
import { ACTION_TIMEOUT } from './harness.js';

/** Resolves once an element matching `selector` exists (and, for a control, is enabled). */
export async function waitForElement(
  page: Page,
  selector: string,
  timeoutMs = ACTION_TIMEOUT,
): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  await page.evaluate(
    ([sel, ms]) =>
      new Promise<void>((resolve, reject) => {
        const ready = () => {
          const el = document.querySelector(sel);
          return el !== null && !(el as HTMLButtonElement).disabled;
        };
        if (ready()) return resolve();
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no enabled ${sel} after ${ms} ms`));
        }, ms);
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true });
      }),
    [selector, timeoutMs] as const,
  );
}

/**
 * Clicks `selector` as soon as it is there and enabled. A real (trusted) mouse click, so a popup
 * it opens is allowed; `force` skips Playwright's own actionability polling, which the wait above
 * replaces.
 */
export async function clickWhenReady(page: Page, selector: string): Promise<void> {
  await waitForElement(page, selector);
  await page.locator(selector).click({ force: true });
}
