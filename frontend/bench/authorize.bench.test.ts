/**
 * Frontend benchmark (prints figures; asserts only that the flow worked, never a time):
 * time from navigation to interactive, and the authorize flow end to end — the dapp's login click
 * to the delegation in the dapp (its `whoami` answered) — over 20 runs, in Chromium on localnet.
 *
 *   cd frontend && npx vitest run -c vitest.bench.config.ts
 */
import { expect, test } from 'vitest';
import { registerAndManage } from '../e2e/support/flows.js';
import { useE2e } from '../e2e/support/harness.js';
import { Authorize, Dapp, Landing } from '../e2e/support/views/index.js';

const e2e = useE2e();
const RUNS = 20;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

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
  const flow: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const popup = await s.popup(() => dapp.loginButton.click());
    const authorize = new Authorize(popup);
    await authorize.landing.loginReturning();
    await authorize.approve();
    const principal = await dapp.principal();
    flow.push(performance.now() - t0);
    expect(principal).not.toBe('2vxsx-fae');
    await dapp.logout();
  }
  const row = (name: string, xs: number[]) =>
    `| ${name} | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 95).toFixed(0)} | ${xs.length} |`;
  console.log(
    [
      '',
      '| measurement | p50 ms | p95 ms | runs |',
      '|---|---|---|---|',
      row('navigation → interactive (landing rendered)', interactive),
      row('authorize: dapp click → delegation in the dapp (whoami answered)', flow),
    ].join('\n'),
  );
});
