// Static check that the placeholder page loads everything under the CSP the canister sends:
// only same-origin scripts/styles/images, no inline code, styles or handlers.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy } from './security-headers.js';
import { CONFIG_PLACEHOLDER } from './templating.js';

const DIR = path.resolve(import.meta.dirname, '../../placeholder');
const html = readFileSync(path.join(DIR, 'index.html'), 'utf8');
const files = new Set(readdirSync(DIR));

const tags = (name: string): string[] =>
  [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'gi'))].map((m) => m[0]);
const attr = (tag: string, name: string): string | undefined =>
  tag.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'))?.[1];

/** Same-origin and served: an absolute path to a file of the site. */
function sameOriginFile(url: string | undefined): boolean {
  return !!url && /^\/[^/]/.test(url) && files.has(url.slice(1));
}

describe('placeholder page under the CSP', () => {
  it('the CSP allows only self for scripts, styles and connections', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self';");
  });

  it('every executable script is an external same-origin file', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(1);
    for (const [, attrs, body] of scripts) {
      const type = attr(` ${attrs}`, 'type');
      if (type === 'application/json') {
        // The config data block: never executed, so CSP does not apply; holds only the marker.
        expect(body.trim()).toBe(CONFIG_PLACEHOLDER);
        expect(attr(` ${attrs}`, 'id')).toBe('ii-config');
        continue;
      }
      expect(body.trim(), 'inline script').toBe('');
      expect(sameOriginFile(attr(` ${attrs}`, 'src')), attrs).toBe(true);
    }
  });

  it('stylesheets, icons and images are same-origin files', () => {
    for (const tag of tags('link')) expect(sameOriginFile(attr(tag, 'href')), tag).toBe(true);
    for (const tag of tags('img')) expect(sameOriginFile(attr(tag, 'src')), tag).toBe(true);
  });

  it('has no inline styles or event handlers, and no javascript: URLs', () => {
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('the script only talks to the API host it was given (same origin by default)', () => {
    const js = readFileSync(path.join(DIR, 'app.js'), 'utf8');
    expect(js).toContain('config.apiHost ?? window.location.origin');
    expect([...js.matchAll(/https?:\/\//g)]).toHaveLength(0);
    expect(js).not.toMatch(/\beval\(|new Function|innerHTML/);
  });
});
