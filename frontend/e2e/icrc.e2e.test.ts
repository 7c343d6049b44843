// Journey: a relying party written today signs in with an unmodified @icp-sdk/auth 7.1.0 (its
// peer @icp-sdk/core 5 beside it): II's window speaks ICRC-29 (heartbeat), ICRC-25 and ICRC-34
// (with ICRC-95's derivation origin), and the delegation works for the dapp canister's whoami (a
// query and a call) and for an unmodified @icp-sdk/core 6.1.0 agent in Node. Refusals (malformed
// JSON-RPC, a foreign origin, an unlisted derivation origin) sign nothing.
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import type { IDL } from '@icp-sdk/core/candid';
import type { Page } from 'playwright-core';
import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import { expect, test } from 'vitest';
import { idlFactory, type InternetIdentityService } from '@ii/canister/candid';
import { identityFromPhrase, parsePhrase } from '../src/lib/recovery-phrase.js';
import { authorizeFromIcrcDapp, registerAndManage, setUpRecoveryPhrase } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { II_CANISTER_ID } from './support/localnet.js';
import { Authorize, IcrcDapp, type ExportedSession } from './support/views/index.js';

const e2e = useE2e();
const HOUR_NS = 3_600_000_000_000n;

const whoamiIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    whoami: I.Func([], [I.Text], ['query']),
    whoami_update: I.Func([], [I.Principal], []),
    set_alternative_origins: I.Func([I.Text], [], []),
  });
interface DappActor {
  whoami(): Promise<string>;
  whoami_update(): Promise<Principal>;
  set_alternative_origins(json: string): Promise<void>;
}

/** An unmodified @icp-sdk/core 6.1.0 agent against the e2e localnet (verification on). */
async function agent(identity?: DelegationIdentity) {
  return HttpAgent.create({
    host: e2e.env.net.url,
    identity,
    rootKey: e2e.env.net.rootKey,
    shouldFetchRootKey: false,
  });
}

async function dappActor(identity?: DelegationIdentity): Promise<DappActor> {
  return Actor.createActor<DappActor>(whoamiIdl, {
    agent: await agent(identity),
    canisterId: Principal.fromText(e2e.env.dappId()),
  });
}

/** How many times II's canister ran prepare_delegation: localnet's own metrics (nothing signed). */
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

function identityFrom(session: ExportedSession): DelegationIdentity {
  return DelegationIdentity.fromDelegation(
    Ed25519KeyIdentity.fromParsedJson(session.key),
    DelegationChain.fromJSON(session.chain),
  );
}

test('@icp-sdk/auth 7.1.0 signs in through II; whoami (query and call) is get_principal for the origin, also through @icp-sdk/core 6.1.0', async () => {
  const s = await e2e.session();
  const origin = e2e.env.dappOrigin();
  const { anchor } = await registerAndManage(s.page, e2e.env.iiUrl);

  const dapp = await new IcrcDapp(await s.context.newPage()).openPage(origin, e2e.env.iiUrl, {
    exportSession: '1',
  });
  expect(await dapp.identityProvider.textContent()).toBe(`${e2e.env.iiUrl}/authorize`);
  const before = await prepareDelegationCount();
  const { principal, popup, attempts } = await authorizeFromIcrcDapp(
    s,
    dapp,
    { kind: 'returning' },
    origin,
  );
  expect(popup.isClosed()).toBe(true);
  expect(popup.url()).toBe(`${e2e.env.iiUrl}/authorize`);
  expect(await dapp.principalFromUpdate()).toBe(principal);
  // One signature per sign-in (a dropped attempt may or may not have got as far).
  const signed = (await prepareDelegationCount()) - before;
  expect(signed >= 1 && signed <= attempts).toBe(true);

  // The default lifetime @icp-sdk/auth asks for: 8 hours, one canister-signed delegation.
  const chain = await dapp.chain();
  expect(chain.delegations).toHaveLength(1);
  const expiration = BigInt(`0x${chain.delegations[0].delegation.expiration}`);
  const now = BigInt(Date.now()) * 1_000_000n;
  expect(expiration > now + 8n * HOUR_NS - 60n * 1_000_000_000n).toBe(true);
  expect(expiration <= now + 8n * HOUR_NS + 60n * 1_000_000_000n).toBe(true);

  // The same delegation through an unmodified @icp-sdk/core 6.1.0 agent, from Node.
  const node = await dappActor(identityFrom(await dapp.exportedSession()));
  expect(await node.whoami()).toBe(principal);
  expect((await node.whoami_update()).toText()).toBe(principal);

  // It is exactly II's get_principal for the dapp's origin (asked as one of the anchor's devices).
  const phrase = await setUpRecoveryPhrase(s.page, false);
  const device = identityFromPhrase(parsePhrase(phrase).words);
  const ii = Actor.createActor<InternetIdentityService>(idlFactory as never, {
    agent: await HttpAgent.create({
      host: e2e.env.net.url,
      identity: device as never,
      rootKey: e2e.env.net.rootKey,
      shouldFetchRootKey: false,
    }),
    canisterId: Principal.fromText(II_CANISTER_ID),
  });
  expect((await ii.get_principal(BigInt(anchor), origin)).toText()).toBe(principal);
});

test('targets and maxTimeToLive: a two-link chain valid for the targets only, for the asked lifetime', async () => {
  const s = await e2e.session();
  const origin = e2e.env.dappOrigin();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const dappId = e2e.env.dappId();
  const dapp = await new IcrcDapp(await s.context.newPage()).openPage(origin, e2e.env.iiUrl, {
    targets: dappId,
    maxTimeToLive: String(HOUR_NS),
    exportSession: '1',
  });
  const { principal } = await authorizeFromIcrcDapp(s, dapp, { kind: 'returning' }, origin);
  expect(await dapp.principalFromUpdate()).toBe(principal);

  const chain = await dapp.chain();
  expect(chain.delegations).toHaveLength(2);
  expect(chain.delegations[0].delegation.targets).toBeUndefined();
  expect(chain.delegations[1].delegation.targets).toEqual([Principal.fromText(dappId).toHex()]);
  const expiration = BigInt(`0x${chain.delegations[1].delegation.expiration}`);
  const now = BigInt(Date.now()) * 1_000_000n;
  expect(expiration > now + HOUR_NS - 60n * 1_000_000_000n).toBe(true);
  expect(expiration <= now + HOUR_NS + 60n * 1_000_000_000n).toBe(true);

  // In Node: the target answers; any other canister (II's) refuses the delegation.
  const identity = identityFrom(await dapp.exportedSession());
  expect(await (await dappActor(identity)).whoami()).toBe(principal);
  const ii = Actor.createActor<InternetIdentityService>(idlFactory as never, {
    agent: await agent(identity),
    canisterId: Principal.fromText(II_CANISTER_ID),
  });
  await expect(ii.get_anchor_info(10_000n)).rejects.toThrow(/target|delegation|403|400/i);
});

test('icrc95DerivationOrigin: the canonical principal when it lists the origin; refused, nothing signed, when not', async () => {
  const s = await e2e.session();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const canonical = e2e.env.dappOrigin();
  const altHost = 'icrc-alt.localhost';
  e2e.env.net.setAlias(altHost, e2e.env.dappId());
  const alt = `http://${altHost}:${e2e.env.net.port}`;

  const home = await new IcrcDapp(await s.context.newPage()).openPage(canonical, e2e.env.iiUrl);
  const direct = await authorizeFromIcrcDapp(s, home, { kind: 'returning' }, canonical);

  const controller = await dappActor();
  await controller.set_alternative_origins(JSON.stringify({ alternativeOrigins: [alt] }));
  const viaAlt = await new IcrcDapp(await s.context.newPage()).openPage(alt, e2e.env.iiUrl, {
    derivationOrigin: canonical,
  });
  const derived = await authorizeFromIcrcDapp(
    s,
    viaAlt,
    { kind: 'returning' },
    alt,
    async (popup) => {
      expect(await popup.getByTestId('derivation-origin').textContent()).toContain(canonical);
    },
  );
  expect(derived.principal).toBe(direct.principal);

  // Not listed any more: II answers -32602 (its data says why) and offers no login; the signer
  // library closes the window on the answer and rejects signIn.
  await controller.set_alternative_origins(JSON.stringify({ alternativeOrigins: [] }));
  const before = await prepareDelegationCount();
  const refused = await new IcrcDapp(await s.context.newPage()).openPage(alt, e2e.env.iiUrl, {
    derivationOrigin: canonical,
  });
  const popup = await s.popup(() => refused.loginButton.click());
  const closed = new Promise<void>((resolve) => {
    popup.once('close', () => resolve());
    if (popup.isClosed()) resolve();
  });
  expect(await refused.failure()).toMatch(/-32602 Invalid params/);
  // II leaves closing to the relying party (ICRC-29), which closes it on the error.
  await closed;
  expect(await prepareDelegationCount()).toBe(before);
});

test('the user declines: the dapp gets 3001 Action aborted, nothing signed', async () => {
  const s = await e2e.session();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const origin = e2e.env.dappOrigin();
  const dapp = await new IcrcDapp(await s.context.newPage()).openPage(origin, e2e.env.iiUrl);
  const before = await prepareDelegationCount();
  const popup = await s.popup(() => dapp.loginButton.click());
  const authorize = new Authorize(popup);
  await authorize.origin.waitFor();
  const closed = popup.waitForEvent('close');
  await popup.getByTestId('authorize-cancel').click();
  await closed;
  expect(await dapp.failure()).toMatch(/3001 Action aborted/);
  expect(await prepareDelegationCount()).toBe(before);
});

/** Opens II's /authorize from `page` and speaks JSON-RPC to it by hand; returns the answers. */
async function rawExchange(page: Page, iiUrl: string, messages: unknown[]): Promise<unknown[]> {
  return page.evaluate(
    async ({ iiUrl, messages }) => {
      const w = window.open(`${iiUrl}/authorize`, 'raw-signer');
      if (!w) throw new Error('no window');
      const answers: unknown[] = [];
      window.addEventListener('message', (e) => {
        if (e.source === w && (e.data as { jsonrpc?: string })?.jsonrpc === '2.0')
          answers.push(e.data);
      });
      // The ICRC-29 handshake, as @icp-sdk/signer does it.
      for (let i = 0; i < 200 && answers.length === 0; i++) {
        w.postMessage({ jsonrpc: '2.0', id: `status-${i}`, method: 'icrc29_status' }, '*');
        await new Promise((r) => setTimeout(r, 100));
      }
      const established = answers.length;
      for (const m of messages) w.postMessage(m, iiUrl);
      await new Promise((r) => setTimeout(r, 1_500));
      w.close();
      return answers.slice(established);
    },
    { iiUrl, messages },
  );
}

test('malformed JSON-RPC is refused with the standard codes, nothing signed', async () => {
  const s = await e2e.session();
  const dapp = await new IcrcDapp(s.page).openPage(e2e.env.dappOrigin(), e2e.env.iiUrl);
  const before = await prepareDelegationCount();
  const answers = (await rawExchange(dapp.page, e2e.env.iiUrl, [
    { jsonrpc: '2.0', id: 1, method: 'icrc34_delegation', params: { publicKey: '!!' } },
    {
      jsonrpc: '2.0',
      id: 2,
      method: 'icrc34_delegation',
      params: { publicKey: 'AAAA', maxTimeToLive: 5 },
    },
    { jsonrpc: '2.0', id: 3 },
    { jsonrpc: '2.0', id: 4, method: 'icrc49_call_canister', params: {} },
    { jsonrpc: '2.0', id: 5, method: 'no_such_method' },
    { jsonrpc: '2.0', id: 6, method: 'icrc25_supported_standards' },
  ])) as Array<{ id: number; error?: { code: number }; result?: unknown }>;
  const byId = new Map(answers.filter((a) => a.id !== undefined).map((a) => [a.id, a]));
  expect(byId.get(1)?.error?.code).toBe(-32602);
  expect(byId.get(2)?.error?.code).toBe(-32602);
  expect(byId.get(3)?.error?.code).toBe(-32600);
  expect(byId.get(4)?.error?.code).toBe(2000);
  expect(byId.get(5)?.error?.code).toBe(-32601);
  expect(byId.get(6)?.result).toMatchObject({ supportedStandards: expect.any(Array) });
  expect(await prepareDelegationCount()).toBe(before);
});

test('a foreign origin cannot use a channel another origin established: no answer, nothing signed', async () => {
  const s = await e2e.session();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const evilHost = 'icrc-foreign.localhost';
  e2e.env.net.setAlias(evilHost, e2e.env.dappId());
  const evil = `http://${evilHost}:${e2e.env.net.port}`;
  const page = await s.context.newPage();
  await new IcrcDapp(page).openPage(e2e.env.dappOrigin(), e2e.env.iiUrl);
  const before = await prepareDelegationCount();
  // The dapp opens II and establishes the channel…
  const [popup] = await Promise.all([
    s.context.waitForEvent('page'),
    page.evaluate(async (iiUrl) => {
      const w = window.open(`${iiUrl}/authorize`, 'icrc-signer');
      let ready = false;
      window.addEventListener('message', (e) => {
        if ((e.data as { result?: string })?.result === 'ready') ready = true;
      });
      for (let i = 0; i < 200 && !ready; i++) {
        w?.postMessage({ jsonrpc: '2.0', id: i, method: 'icrc29_status' }, '*');
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!ready) throw new Error('II did not answer icrc29_status');
    }, e2e.env.iiUrl),
  ]);
  // …then the tab that opened II is taken over by another origin, which asks for a delegation.
  await page.goto(`${evil}/icrc/`);
  const answers = await page.evaluate(async () => {
    const w = window.open('', 'icrc-signer');
    if (!w) throw new Error('no handle on the signer window');
    const got: unknown[] = [];
    window.addEventListener('message', (e) => got.push(e.data));
    const key = 'MCowBQYDK2VwAyEAO5GInxCN3ZEQM3yXZr1bnTgYOMGSfWcOEBTHeaGqlgs=';
    for (let i = 0; i < 5; i++) {
      w.postMessage(
        {
          jsonrpc: '2.0',
          id: `evil-${i}`,
          method: 'icrc34_delegation',
          params: { publicKey: key },
        },
        '*',
      );
      w.postMessage({ jsonrpc: '2.0', id: `status-${i}`, method: 'icrc29_status' }, '*');
      await new Promise((r) => setTimeout(r, 300));
    }
    return got;
  });
  expect(answers).toEqual([]);
  // II shows no consent for it and signed nothing.
  expect(await popup.getByTestId('authorize-origin').count()).toBe(0);
  expect(await prepareDelegationCount()).toBe(before);
  await popup.close();
});
