/**
 * Frontend benchmark (prints figures; asserts only that the flow worked, never a time):
 * time from navigation to interactive, and the authorize flow end to end — the dapp's login click
 * to the delegation in the dapp (its `whoami` answered) — in Chromium on localnet.
 *
 *   cd frontend && npx vitest run -c vitest.bench.config.ts
 *
 * The authorize flow is timed twice, 20 runs each: with the e2e harness as the tests use it
 * (Playwright's trace recording on, its polling waits), then as a benchmark should (recording
 * off, waits that return on the page's own change). Each run is timed by the test runner (wall)
 * and inside the dapp page (its click event to `body[data-state=signed-in]`); the difference is
 * the harness's own overhead.
 */
import type { Page, Request } from 'playwright-core';
import { expect, test } from 'vitest';
import { clickWhenReady } from '../e2e/support/event-waits.js';
import { registerAndManage } from '../e2e/support/flows.js';
import { type Session, useE2e } from '../e2e/support/harness.js';
import { Authorize, Dapp, Landing } from '../e2e/support/views/index.js';

const e2e = useE2e();
const RUNS = 20;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Records, in the dapp page, when its login button was clicked (page clock). */
async function recordClicks(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest('[data-testid=login]'))
          (window as unknown as { benchClickAt: number }).benchClickAt = performance.now();
      },
      true,
    );
  });
}

/** Resolves with the page clock when the dapp shows the signed-in state (whoami answered). */
function signedInAt(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.body.dataset.state !== 'signed-in') return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
      }),
  );
}

interface Timing {
  wall: number;
  inDapp: number;
}

/** The IC API requests a flow made, by endpoint (load-independent, unlike the times). */
const ENDPOINTS = ['status', 'read_state', 'query', 'call'] as const;
type Endpoint = (typeof ENDPOINTS)[number];
type Counts = Record<Endpoint, number>;

function endpointOf(url: string): Endpoint | undefined {
  const path = new URL(url).pathname;
  if (!path.startsWith('/api/')) return undefined;
  return ENDPOINTS.find((e) => path.endsWith(`/${e}`));
}

async function counting(s: Session, run: () => Promise<Timing>) {
  const counts: Counts = { status: 0, read_state: 0, query: 0, call: 0 };
  const onRequest = (r: Request) => {
    const e = endpointOf(r.url());
    if (e) counts[e]++;
  };
  s.context.on('request', onRequest);
  try {
    return { timing: await run(), counts };
  } finally {
    s.context.off('request', onRequest);
  }
}

/** One login; `eventWaits` picks the benchmark's waits over the tests' locators. */
async function authorizeOnce(s: Session, dapp: Dapp, eventWaits: boolean): Promise<Timing> {
  const signedIn = signedInAt(dapp.page);
  const t0 = performance.now();
  const popup = await s.popup(() =>
    eventWaits
      ? dapp.page.locator('[data-testid=login]').click({ force: true })
      : dapp.loginButton.click(),
  );
  const closed = popup.waitForEvent('close');
  // A returning user: the click on "Continue as <anchor>" is the consent, the popup closes itself.
  if (eventWaits) await clickWhenReady(popup, '[data-testid=login-returning]');
  else await new Authorize(popup).landing.loginReturning();
  await closed;
  const at = await signedIn;
  const wall = performance.now() - t0;
  const clickAt = await dapp.page.evaluate(
    () => (window as unknown as { benchClickAt: number }).benchClickAt,
  );
  expect(await dapp.principal()).not.toBe('2vxsx-fae');
  await dapp.logout();
  return { wall, inDapp: at - clickAt };
}

test('navigation to interactive, and the authorize flow over 20 runs', async () => {
  const s = await e2e.session('bench');
  const interactive: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Leave the app first: otherwise opening the same URL is a same-document hash change.
    await s.page.goto('about:blank');
    const t0 = performance.now();
    await new Landing(s.page).open(e2e.env.iiUrl);
    await s.page.getByTestId('register').waitFor();
    interactive.push(performance.now() - t0);
  }
  await registerAndManage(s.page, e2e.env.iiUrl);

  const origin = e2e.env.dappOrigin();
  const dapp = await new Dapp(await s.context.newPage()).open(origin, e2e.env.iiUrl);
  await recordClicks(dapp.page);
  const asTested: Timing[] = [];
  for (let i = 0; i < RUNS; i++) asTested.push(await authorizeOnce(s, dapp, false));
  // The benchmark's harness: no trace recording (screenshots and DOM snapshots of every step).
  await s.context.tracing.stop();
  const bench: Timing[] = [];
  let counts: Counts | undefined;
  for (let i = 0; i < RUNS; i++) {
    const r = await counting(s, () => authorizeOnce(s, dapp, true));
    bench.push(r.timing);
    counts = r.counts;
  }

  const row = (name: string, xs: number[]) =>
    `| ${name} | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 95).toFixed(0)} | ${xs.length} |`;
  const rows = (label: string, ts: Timing[]) => [
    row(
      `authorize (${label}): dapp click → whoami answered, wall clock`,
      ts.map((t) => t.wall),
    ),
    row(
      `authorize (${label}): the same, timed in the dapp page`,
      ts.map((t) => t.inDapp),
    ),
    row(
      `harness overhead (${label}): wall − in-dapp`,
      ts.map((t) => t.wall - t.inDapp),
    ),
  ];
  console.log(
    [
      '',
      '| measurement | p50 ms | p95 ms | runs |',
      '|---|---|---|---|',
      row('navigation → interactive (landing rendered)', interactive),
      ...rows('benchmark harness: recording off, event waits', bench),
      ...rows('test harness: recording on, polling waits', asTested),
      '',
      `IC API requests in one flow (popup, dapp and its whoami; the last run): ${ENDPOINTS.map(
        (e) => `${e} ${counts?.[e] ?? 0}`,
      ).join(', ')}`,
    ].join('\n'),
  );
});
