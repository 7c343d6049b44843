// Journey: a dapp logs in with an unmodified @dfinity/auth-client: its popup opens II's
// `#authorize`, the user logs in and continues, and the dapp's canister (`whoami`) sees the
// delegated principal. That principal is stable across logins and differs between anchors.
import { expect, test } from 'vitest';
import { authorizeFromDapp, registerAndManage } from './support/flows.js';
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

  // Log out of the dapp and register a new anchor inside the popup: a different principal.
  await dapp2.logout();
  const third = await authorizeFromDapp(other, dapp2, { kind: 'register' }, origin);
  expect(third.anchor).toBeDefined();
  expect(third.anchor).not.toBe(anchor);
  expect(third.principal).not.toBe(first.principal);
  expect(third.principal).not.toBe(ANONYMOUS);
});
