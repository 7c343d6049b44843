// The dapp page: log in with an unmodified @dfinity/auth-client, then ask the canister who we are.
// body[data-state] (loading | ready | signed-in | error) lets tests wait for the page.
import { Actor, AnonymousIdentity, HttpAgent, type Identity } from '@dfinity/agent';
import { AuthClient } from '@dfinity/auth-client';
import { bls12_381 } from '@noble/curves/bls12-381';
import { idlFactory, type TestDappService } from '../../canister/src/candid.js';
import { CONFIG_ELEMENT_ID, type PageConfig } from '../../canister/src/page-config.js';
import { loginErrorText, loginSettings, parsePageConfig, type LoginSettings } from './config.js';
import './style.css';

const byTestId = <T extends HTMLElement>(id: string): T => {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`page is missing [data-testid=${id}]`);
  return el;
};
const ui = {
  identityProvider: byTestId('identity-provider'),
  principal: byTestId<HTMLOutputElement>('principal'),
  login: byTestId<HTMLButtonElement>('login'),
  logout: byTestId<HTMLButtonElement>('logout'),
  error: byTestId('error'),
};

const setState = (state: 'ready' | 'signed-in' | 'error'): void => {
  document.body.dataset.state = state;
};

function showError(what: string, e: unknown): void {
  showAlert(`${what}: ${e instanceof Error ? e.message : String(e)}`);
}

function showAlert(text: string): void {
  ui.error.textContent = text;
  setState('error');
}

/**
 * The page's one agent: its root key is fetched once and its subnet node keys (a `read_state
 * /subnet` certificate, BLS-verified) fetched at start-up, so the first `whoami` after a login
 * pays for neither. Every reply is still verified; only the login's identity changes.
 */
function createAgent(config: PageConfig): { agent: HttpAgent; ready: Promise<void> } {
  const agent = HttpAgent.createSync({
    host: window.location.origin,
    shouldFetchRootKey: config.fetchRootKey,
  });
  // A failure here is not final: the first query fetches what is missing again.
  const ready = agent.fetchSubnetKeys(config.canisterId).then(
    () => undefined,
    () => undefined,
  );
  return { agent, ready };
}

/** Calls whoami as `identity`, through the page's own origin (gateways serve /api everywhere). */
async function whoami(config: PageConfig, agent: HttpAgent, identity: Identity): Promise<string> {
  agent.replaceIdentity(identity);
  const actor = Actor.createActor<TestDappService>(idlFactory, {
    agent,
    canisterId: config.canisterId,
  });
  return actor.whoami();
}

async function showSignedIn(
  config: PageConfig,
  agent: HttpAgent,
  identity: Identity,
): Promise<void> {
  ui.principal.textContent = await whoami(config, agent, identity);
  ui.login.hidden = true;
  ui.logout.hidden = false;
  setState('signed-in');
}

function showSignedOut(): void {
  ui.principal.textContent = 'not logged in';
  ui.login.hidden = false;
  ui.login.disabled = false;
  ui.logout.hidden = true;
  setState('ready');
}

async function start(): Promise<void> {
  // Certificates are BLS-verified: without this, the first verification builds noble's 8-bit
  // table for the G2 generator (~100 ms); a 1-bit window needs none and verifies as fast.
  bls12_381.G2.Point.BASE.precompute(1);
  let config: PageConfig;
  let settings: LoginSettings;
  try {
    config = parsePageConfig(document.getElementById(CONFIG_ELEMENT_ID)?.textContent);
    settings = loginSettings(config, new URL(window.location.href));
  } catch (e) {
    showError('Configuration error', e);
    return;
  }
  ui.identityProvider.textContent = settings.identityProvider;
  const { agent, ready } = createAgent(config);
  // No idle logout: its default reloads the page, which would disturb long-running tests.
  const authClient = await AuthClient.create({ idleOptions: { disableIdle: true } });

  // login() must run synchronously in the click handler so the browser allows its popup.
  ui.login.addEventListener('click', () => {
    ui.error.textContent = '';
    void authClient.login({
      ...settings,
      onSuccess: () => {
        showSignedIn(config, agent, authClient.getIdentity()).catch((e) =>
          showError('whoami failed', e),
        );
      },
      onError: (reason) => showAlert(loginErrorText(reason)),
    });
  });
  ui.logout.addEventListener('click', () => {
    ui.error.textContent = '';
    agent.replaceIdentity(new AnonymousIdentity());
    authClient.logout().then(showSignedOut, (e) => showError('Logout failed', e));
  });

  await ready;
  showSignedOut();
  if (await authClient.isAuthenticated())
    await showSignedIn(config, agent, authClient.getIdentity()).catch((e) =>
      showError('whoami failed', e),
    );
}

start().catch((e) => showError('Start failed', e));
