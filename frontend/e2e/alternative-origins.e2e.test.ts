// Journey: a dapp reachable on a second origin logs in with `derivationOrigin` = its canonical
// origin, which lists the second one in its certified /.well-known/ii-alternative-origins: the
// user gets the canonical origin's principal. Without the listing, II refuses.
import { Actor, HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { expect, test } from 'vitest';
import { authorizeFromDapp, registerAndManage } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { Dapp } from './support/views/index.js';

const e2e = useE2e();
const dappIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({ set_alternative_origins: I.Func([I.Text], [], []) });

async function setAlternativeOrigins(json: string): Promise<void> {
  // The dapp's controller on localnet is the anonymous principal (see support/localnet.ts).
  const agent = await HttpAgent.create({
    host: e2e.env.net.url,
    rootKey: e2e.env.net.rootKey,
    shouldFetchRootKey: false,
  });
  const dapp = Actor.createActor<{ set_alternative_origins(json: string): Promise<void> }>(
    dappIdl,
    { agent, canisterId: Principal.fromText(e2e.env.dappId()) },
  );
  await dapp.set_alternative_origins(json);
}

test('derivationOrigin gives the canonical principal when it lists the requesting origin', async () => {
  const s = await e2e.session();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const canonical = e2e.env.dappOrigin();
  const altHost = 'dapp-alt.localhost';
  e2e.env.net.setAlias(altHost, e2e.env.dappId());
  const alt = `http://${altHost}:${e2e.env.net.port}`;

  const home = await new Dapp(await s.context.newPage()).open(canonical, e2e.env.iiUrl);
  const direct = await authorizeFromDapp(s, home, { kind: 'returning' }, canonical);

  await setAlternativeOrigins(JSON.stringify({ alternativeOrigins: [alt] }));
  const page = await s.context.newPage();
  await page.goto(
    `${alt}/?ii=${encodeURIComponent(e2e.env.iiUrl)}&derivationOrigin=${encodeURIComponent(canonical)}`,
  );
  const viaAlt = new Dapp(page);
  await page.locator('body[data-state=ready]').waitFor();
  const derived = await authorizeFromDapp(s, viaAlt, { kind: 'returning' }, alt);
  expect(derived.principal).toBe(direct.principal);
});

test('an origin the derivation origin does not list is refused', async () => {
  const s = await e2e.session();
  await registerAndManage(s.page, e2e.env.iiUrl);
  const canonical = e2e.env.dappOrigin();
  const altHost = 'dapp-unlisted.localhost';
  e2e.env.net.setAlias(altHost, e2e.env.dappId());
  const alt = `http://${altHost}:${e2e.env.net.port}`;
  await setAlternativeOrigins(JSON.stringify({ alternativeOrigins: [] }));

  const page = await s.context.newPage();
  await page.goto(
    `${alt}/?ii=${encodeURIComponent(e2e.env.iiUrl)}&derivationOrigin=${encodeURIComponent(canonical)}`,
  );
  await page.locator('body[data-state=ready]').waitFor();
  // II answers authorize-client-failure (no delegation is ever offered); auth-client closes the
  // popup and hands the reason to the dapp.
  await s.popup(() => new Dapp(page).loginButton.click());
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/origin/i);
  expect(await page.locator('body').getAttribute('data-state')).not.toBe('signed-in');
});
