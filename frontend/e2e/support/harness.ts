/**
 * The per-file fixture: one localnet and one Chromium for the spec file (beforeAll), fresh browser
 * contexts for each test. After each test the guards of every context are checked, and when the
 * test failed its Playwright trace and a screenshot of every open page are kept under
 * `frontend/e2e/.artifacts/`.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { VirtualDevice } from './authenticator.js';
import { type E2eBrowser, launchBrowser } from './browser.js';
import { Guards } from './guards.js';
import { type E2eNet, startE2eNet } from './localnet.js';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '.artifacts');

/** How long Playwright waits for a control or a page (canister updates take a second or so). */
export const ACTION_TIMEOUT = 20_000;

/** One browser profile: its context, its first tab and its platform authenticator. */
export interface Session {
  name: string;
  context: BrowserContext;
  page: Page;
  passkeys: VirtualDevice;
  guards: Guards;
  /** Runs `trigger`, waits for the popup it opens and gives it this profile's passkeys. */
  popup(trigger: () => Promise<unknown>): Promise<Page>;
}

export interface E2e {
  readonly env: E2eNet;
  readonly browser: E2eBrowser;
  /** A new browser profile (context) for this test. */
  session(name?: string): Promise<Session>;
}

function slug(s: string): string {
  return s
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Call once at the top of a spec file; `captcha: true` installs II with its captcha on. */
export function useE2e(options: { captcha?: boolean } = {}): E2e {
  let env: E2eNet | undefined;
  let browser: E2eBrowser | undefined;
  let sessions: Session[] = [];
  let testName = 'test';

  beforeAll(async () => {
    env = await startE2eNet(options);
    browser = await launchBrowser(env);
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  beforeEach((ctx) => {
    sessions = [];
    const file = basename(ctx.task.file?.name ?? 'spec').replace(/\.e2e\.test\.ts$/, '');
    testName = `${file}--${slug(ctx.task.name)}`;
  });

  afterEach(async (ctx) => {
    let guardError: unknown;
    for (const s of sessions) {
      try {
        s.guards.check();
      } catch (e) {
        guardError ??= new Error(`${s.name}: ${(e as Error).message}`);
      }
    }
    const failed = ctx.task.result?.state === 'fail' || guardError !== undefined;
    if (failed) mkdirSync(ARTIFACTS, { recursive: true });
    for (const s of sessions) {
      const prefix = join(ARTIFACTS, `${testName}--${slug(s.name)}`);
      if (failed) {
        let i = 0;
        for (const p of s.context.pages()) {
          await p.screenshot({ path: `${prefix}-page${i++}.png`, fullPage: true }).catch(() => {});
        }
        await s.context.tracing.stop({ path: `${prefix}.trace.zip` }).catch(() => {});
      } else await s.context.tracing.stop().catch(() => {});
      await s.context.close().catch(() => {});
    }
    sessions = [];
    if (guardError) throw guardError;
  });

  return {
    get env() {
      if (!env) throw new Error('localnet is not running (beforeAll failed?)');
      return env;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running (beforeAll failed?)');
      return browser;
    },
    async session(name = `browser ${sessions.length + 1}`) {
      if (!browser) throw new Error('the browser is not running (beforeAll failed?)');
      const context = await browser.browser.newContext();
      context.setDefaultTimeout(ACTION_TIMEOUT);
      context.setDefaultNavigationTimeout(ACTION_TIMEOUT);
      await context.tracing.start({ screenshots: true, snapshots: true, title: testName });
      const guards = await Guards.install(context);
      const page = await context.newPage();
      const passkeys = VirtualDevice.platform(`${name} passkeys`);
      await passkeys.attach(page);
      const session: Session = {
        name,
        context,
        page,
        passkeys,
        guards,
        popup: async (trigger) => {
          const [popup] = await Promise.all([context.waitForEvent('page'), trigger()]);
          try {
            await passkeys.attach(popup);
          } catch (error) {
            // A popup that II answers at once (e.g. a refused origin) may close before the
            // authenticator is attached; it needs none then. Any other failure is real.
            if (!popup.isClosed()) throw error;
          }
          return popup;
        },
      };
      sessions.push(session);
      return session;
    },
  };
}
