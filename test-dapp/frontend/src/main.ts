// The dapp page: log in with an unmodified @dfinity/auth-client, then ask the canister who we are.
// body[data-state] (loading | ready | signed-in | error) lets tests wait for the page.
import { Actor, HttpAgent, type Identity } from '@dfinity/agent';
import { AuthClient } from '@dfinity/auth-client';
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

/** Calls whoami as `identity`, through the page's own origin (gateways serve /api everywhere). */
async function whoami(config: PageConfig, identity: Identity): Promise<string> {
  const agent = await HttpAgent.create({
    host: window.location.origin,
    identity,
    shouldFetchRootKey: config.fetchRootKey,
  });
  const actor = Actor.createActor<TestDappService>(idlFactory, {
    agent,
    canisterId: config.canisterId,
  });
  return actor.whoami();
}

async function showSignedIn(config: PageConfig, identity: Identity): Promise<void> {
  ui.principal.textContent = await whoami(config, identity);
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
  // No idle logout: its default reloads the page, which would disturb long-running tests.
  const authClient = await AuthClient.create({ idleOptions: { disableIdle: true } });

  // login() must run synchronously in the click handler so the browser allows its popup.
  ui.login.addEventListener('click', () => {
    ui.error.textContent = '';
    void authClient.login({
      ...settings,
      onSuccess: () => {
        showSignedIn(config, authClient.getIdentity()).catch((e) => showError('whoami failed', e));
      },
      onError: (reason) => showAlert(loginErrorText(reason)),
    });
  });
  ui.logout.addEventListener('click', () => {
    ui.error.textContent = '';
    authClient.logout().then(showSignedOut, (e) => showError('Logout failed', e));
  });

  showSignedOut();
  if (await authClient.isAuthenticated())
    await showSignedIn(config, authClient.getIdentity()).catch((e) =>
      showError('whoami failed', e),
    );
}

start().catch((e) => showError('Start failed', e));
