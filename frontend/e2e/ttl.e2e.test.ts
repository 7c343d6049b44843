// Journey: the dapp asks for a delegation lifetime (`maxTimeToLive`); II honours it, up to the
// canister's maximum of 30 days. Read from the delegation @dfinity/auth-client stored.
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { authorizeFromDapp, registerAndManage } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { Dapp } from './support/views/index.js';

const e2e = useE2e();
const SECOND_NS = 1_000_000_000n;
const DAY_NS = 86_400n * SECOND_NS;

/** The expiration (ns) of the delegation auth-client keeps in IndexedDB (`auth-client-db`). */
async function storedExpiration(page: Page): Promise<bigint> {
  const json = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('auth-client-db');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result
            .transaction('ic-keyval')
            .objectStore('ic-keyval')
            .get('delegation');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => resolve(String(get.result));
        };
      }),
  );
  const chain = JSON.parse(json) as { delegations: Array<{ delegation: { expiration: string } }> };
  return BigInt(`0x${chain.delegations[0]!.delegation.expiration}`);
}

/**
 * Logs in asking for `ttlNs`; returns the delegation's expiration with the wall-clock window in
 * which the canister set it (localnet's canister time follows the wall clock).
 */
async function loginWithTtl(
  ttlNs: bigint,
): Promise<{ expiration: bigint; before: bigint; after: bigint }> {
  const s = await e2e.session();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const origin = e2e.env.dappOrigin();
  const page = await s.context.newPage();
  await page.goto(
    `${origin}/?ii=${encodeURIComponent(e2e.env.iiUrl)}&maxTimeToLive=${ttlNs.toString()}`,
  );
  await page.locator('body[data-state=ready]').waitFor();
  const before = BigInt(Date.now()) * 1_000_000n;
  await authorizeFromDapp(s, new Dapp(page), { kind: 'returning' }, origin);
  const after = BigInt(Date.now()) * 1_000_000n;
  return { expiration: await storedExpiration(page), before, after };
}

const SKEW = 2n * SECOND_NS;

test('a short maxTimeToLive is honoured', async () => {
  const ttl = 120n * SECOND_NS;
  const { expiration, before, after } = await loginWithTtl(ttl);
  expect(expiration).toBeGreaterThanOrEqual(before + ttl - SKEW);
  expect(expiration).toBeLessThanOrEqual(after + ttl + SKEW);
});

test('a lifetime beyond 30 days is capped at 30 days', async () => {
  const cap = 30n * DAY_NS;
  const { expiration, before, after } = await loginWithTtl(100n * DAY_NS);
  expect(expiration).toBeGreaterThanOrEqual(before + cap - SKEW);
  expect(expiration).toBeLessThanOrEqual(after + cap + SKEW);
});
