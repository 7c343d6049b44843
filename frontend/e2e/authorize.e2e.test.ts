// Journey: a dapp logs in with an unmodified @dfinity/auth-client: its popup opens II's
// `#authorize`, the user logs in and continues, and the dapp's canister (`whoami`) sees the
// delegated principal. That principal is stable across logins and differs between anchors.
import { Actor, HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { expect, test } from 'vitest';
import { type InternetIdentityService, idlFactory } from '../../canister/src/candid.js';
import { identityFromPhrase, parsePhrase } from '../src/lib/recovery-phrase.js';
import { II_CANISTER_ID } from './support/localnet.js';
import { authorizeFromDapp, registerAndManage, setUpRecoveryPhrase } from './support/flows.js';
import { useE2e } from './support/harness.js';
import { Dapp } from './support/views/index.js';

const e2e = useE2e();
const ANONYMOUS = '2vxsx-fae';

test('the dapp gets a stable principal per anchor through the authorize popup', async () => {
  const s = await e2e.session('first browser');
  const origin = e2e.env.dappOrigin();
  const { anchor } = await registerAndManage(s.page, e2e.env.iiUrl);

  const dapp = await new Dapp(await s.context.newPage()).open(origin, e2e.env.iiUrl);
  expect(await dapp.identityProvider.textContent()).toContain(e2e.env.iiUrl);
  const first = await authorizeFromDapp(s, dapp, { kind: 'returning' }, origin);
  expect(first.principal).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5})*(-[a-z0-9]{1,5})?$/);
  expect(first.principal).not.toBe(ANONYMOUS);

  // Same anchor, another browser (the passkey synced to it), a typed anchor: the same principal.
  const other = await e2e.session('second browser');
  await other.passkeys.addCredentials(await s.passkeys.credentials());
  const dapp2 = await new Dapp(other.page).open(origin, e2e.env.iiUrl);
  const again = await authorizeFromDapp(other, dapp2, { kind: 'anchor', anchor }, origin);
  expect(again.principal).toBe(first.principal);

  // The principal the dapp's canister saw is exactly what II's get_principal gives for the dapp's
  // origin. Asked from Node, authenticated as one of the anchor's devices: its recovery phrase.
  const phrase = await setUpRecoveryPhrase(s.page, false);
  const device = identityFromPhrase(parsePhrase(phrase).words);
  const agent = await HttpAgent.create({
    host: e2e.env.net.url,
    identity: device,
    rootKey: e2e.env.net.rootKey,
    shouldFetchRootKey: false,
  });
  const ii = Actor.createActor<InternetIdentityService>(idlFactory, {
    agent,
    canisterId: Principal.fromText(II_CANISTER_ID),
  });
  expect((await ii.get_principal(BigInt(anchor), origin)).toText()).toBe(first.principal);

  // Log out of the dapp and register a new anchor inside the popup: a different principal.
  await dapp2.logout();
  const third = await authorizeFromDapp(other, dapp2, { kind: 'register' }, origin);
  expect(third.anchor).toBeDefined();
  expect(third.anchor).not.toBe(anchor);
  expect(third.principal).not.toBe(first.principal);
  expect(third.principal).not.toBe(ANONYMOUS);
});
