// Journey: a relying party on the ICRC-167 URL transport (what @icp-sdk/auth 8's transport:
// 'redirect' speaks): the whole tab goes to II's /authorize with the JSON-RPC request in the
// fragment and comes back to the callback with the response. The callback must be listed in the
// origin's certified /.well-known/ii-auth-callbacks; an unlisted one gets nothing, nothing signed.
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import type { IDL } from '@icp-sdk/core/candid';
import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { expect, test } from 'vitest';
import { authorizeFromIcrcDapp, registerAndManage } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { II_CANISTER_ID } from './support/localnet.js';
import { Authorize, IcrcDapp } from './support/views/index.js';

const e2e = useE2e();
const HOUR_NS = 3_600_000_000_000n;

const dappIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    whoami: I.Func([], [I.Text], ['query']),
    set_auth_callbacks: I.Func([I.Text], [], []),
    set_alternative_origins: I.Func([I.Text], [], []),
  });
interface DappActor {
  whoami(): Promise<string>;
  set_auth_callbacks(json: string): Promise<void>;
  set_alternative_origins(json: string): Promise<void>;
}

async function dappActor(identity?: DelegationIdentity): Promise<DappActor> {
  const agent = await HttpAgent.create({
    host: e2e.env.net.url,
    identity,
    rootKey: e2e.env.net.rootKey,
    shouldFetchRootKey: false,
  });
  return Actor.createActor<DappActor>(dappIdl, {
    agent,
    canisterId: Principal.fromText(e2e.env.dappId()),
  });
}

async function prepareDelegationCount(): Promise<number> {
  const text = await (await fetch(`${e2e.env.net.url}/_/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('localnet_message_instructions_count{') &&
        l.includes(`canister="${II_CANISTER_ID}"`) &&
        l.includes('method="prepare_delegation"'),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Runs the redirect round trip in `page`: to II, log in as the remembered anchor, back. */
async function signInByRedirect(page: IcrcDapp, origin: string): Promise<string> {
  const authorize = new Authorize(page.page);
  await authorize.origin.waitFor();
  expect(page.page.url().startsWith(`${e2e.env.iiUrl}/authorize#`)).toBe(true);
  expect((await authorize.origin.textContent())?.trim()).toBe(origin);
  await authorize.landing.loginReturning();
  await page.page.waitForURL(`${origin}/icrc/redirect`);
  return page.principal();
}

test('ICRC-167: sign in by redirect to a listed callback; the same principal as the window transport', async () => {
  const s = await e2e.session();
  const origin = e2e.env.dappOrigin();
  await registerAndManage(s.page, e2e.env.iiUrl);
  await (
    await dappActor()
  ).set_auth_callbacks(JSON.stringify({ callbacks: [`${origin}/icrc/redirect`] }));

  const viaWindow = await new IcrcDapp(await s.context.newPage()).openPage(origin, e2e.env.iiUrl);
  const windowPrincipal = (await authorizeFromIcrcDapp(s, viaWindow, { kind: 'returning' }, origin))
    .principal;

  const page = new IcrcDapp(s.page);
  const before = await prepareDelegationCount();
  await s.page.goto(
    `${origin}/icrc/redirect?${new URLSearchParams({ ii: e2e.env.iiUrl, auto: '1', exportSession: '1' })}`,
  );
  const principal = await signInByRedirect(page, origin);
  expect(principal).toBe(windowPrincipal);
  expect(await prepareDelegationCount()).toBe(before + 1);
  // The fragment is gone from the callback once read.
  expect(new URL(s.page.url()).hash).toBe('');

  // targets and maxTimeToLive by redirect too, and the delegation used from Node (@icp-sdk/core 6.1.0).
  await s.page.goto(
    `${origin}/icrc/redirect?${new URLSearchParams({
      ii: e2e.env.iiUrl,
      auto: '1',
      exportSession: '1',
      targets: e2e.env.dappId(),
      maxTimeToLive: String(HOUR_NS),
    })}`,
  );
  expect(await signInByRedirect(page, origin)).toBe(windowPrincipal);
  const session = await page.exportedSession();
  expect(session.chain.delegations).toHaveLength(2);
  expect(session.chain.delegations[1].delegation.targets).toEqual([
    Principal.fromText(e2e.env.dappId()).toHex(),
  ]);
  const expiration = BigInt(`0x${session.chain.delegations[1].delegation.expiration}`);
  expect(expiration <= BigInt(Date.now()) * 1_000_000n + HOUR_NS + 60_000_000_000n).toBe(true);
  const identity = DelegationIdentity.fromDelegation(
    Ed25519KeyIdentity.fromParsedJson(session.key),
    DelegationChain.fromJSON(session.chain),
  );
  expect(await (await dappActor(identity)).whoami()).toBe(windowPrincipal);
});

test('ICRC-167 with icrc95DerivationOrigin: the canonical principal', async () => {
  const s = await e2e.session();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const canonical = e2e.env.dappOrigin();
  const altHost = 'redirect-alt.localhost';
  e2e.env.net.setAlias(altHost, e2e.env.dappId());
  const alt = `http://${altHost}:${e2e.env.net.port}`;
  const dapp = await dappActor();
  await dapp.set_auth_callbacks(
    JSON.stringify({ callbacks: [`${canonical}/icrc/redirect`, `${alt}/icrc/redirect`] }),
  );
  await dapp.set_alternative_origins(JSON.stringify({ alternativeOrigins: [alt] }));
  const page = new IcrcDapp(s.page);
  await s.page.goto(
    `${canonical}/icrc/redirect?${new URLSearchParams({ ii: e2e.env.iiUrl, auto: '1' })}`,
  );
  const direct = await signInByRedirect(page, canonical);
  await s.page.goto(
    `${alt}/icrc/redirect?${new URLSearchParams({ ii: e2e.env.iiUrl, auto: '1', derivationOrigin: canonical })}`,
  );
  expect(await signInByRedirect(page, alt)).toBe(direct);
});

test('ICRC-167: an unlisted callback gets nothing, and nothing is signed', async () => {
  const s = await e2e.session();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const origin = e2e.env.dappOrigin();
  await (
    await dappActor()
  ).set_auth_callbacks(JSON.stringify({ callbacks: [`${origin}/elsewhere`] }));
  const before = await prepareDelegationCount();
  await s.page.goto(
    `${origin}/icrc/redirect?${new URLSearchParams({ ii: e2e.env.iiUrl, auto: '1' })}`,
  );
  const alert = s.page.getByRole('alert').first();
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/not listed/);
  expect(s.page.url().startsWith(`${e2e.env.iiUrl}/authorize#`)).toBe(true);
  expect(await s.page.getByTestId('authorize-origin').count()).toBe(0);
  await s.page.waitForTimeout(1_000);
  expect(s.page.url().startsWith(`${e2e.env.iiUrl}/authorize#`)).toBe(true);
  expect(await prepareDelegationCount()).toBe(before);
});
