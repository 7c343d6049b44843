/** Measurements of how Chromium laid a page out (wrapping, overflow), for layout regressions. */
import type { Locator, Page } from 'playwright-core';

/** The text of each line the browser rendered `locator`'s text on, in order. */
export async function renderedLines(locator: Locator): Promise<string[]> {
  return locator.evaluate((el) => {
    const lines: string[] = [];
    let lastTop: number | undefined;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        // A character whose top is clearly below the previous one starts a new line.
        if (lastTop === undefined || rect.top > lastTop + rect.height / 2) {
          lines.push('');
          lastTop = rect.top;
        }
        lines[lines.length - 1] += text[i];
      }
    }
    return lines;
  });
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * What of `inner` (selector, inside `container`) sticks out of `container`'s box, as
 * "<text>: <side> by <px>" lines; empty when everything lies inside (0.5 px tolerance).
 */
export async function outside(container: Locator, inner: string): Promise<string[]> {
  return container.evaluate((el, sel) => {
    const box = el.getBoundingClientRect();
    const out: string[] = [];
    for (const child of el.querySelectorAll(sel)) {
      const r = child.getBoundingClientRect();
      const name = (child.textContent ?? '').trim().slice(0, 20);
      if (r.left < box.left - 0.5) out.push(`${name}: left by ${box.left - r.left}`);
      if (r.right > box.right + 0.5) out.push(`${name}: right by ${r.right - box.right}`);
    }
    return out;
  }, inner);
}

/** Whether the page scrolls sideways (something is wider than the viewport). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}
