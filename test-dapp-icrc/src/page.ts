// What both ICRC pages share: the config the canister filled in, the test parameters, the page's
// elements, and whoami through an @icp-sdk/core agent. Test parameters (query string):
//   ?ii=<origin>               identity provider origin; the pages open <origin>/authorize
//   ?derivationOrigin=<origin> ICRC-95 icrc95DerivationOrigin
//   ?targets=<id>,<id>         ICRC-34 targets
//   ?maxTimeToLive=<ns>        ICRC-34 maxTimeToLive
//   ?exportSession=1           an Ed25519 session key, shown with its chain in [data-testid=session]
//                              so a test can call with it from Node (a test page only)
import { Actor, HttpAgent, type Identity } from '@icp-sdk/core/agent';
import type { DelegationChain } from '@icp-sdk/core/identity';
import type { IDL } from '@icp-sdk/core/candid';
import { Principal } from '@icp-sdk/core/principal';

/** Internet Identity's canister id, mainnet and localnet alike. */
const II_CANISTER_ID = 'rdmx6-jaaaa-aaaaa-aaadq-cai';

export interface PageConfig {
  canisterId: string;
  iiUrl: string | null;
  fetchRootKey: boolean;
}

export interface Settings {
  /** `<II origin>/authorize`: the signer URL. */
  identityProvider: string;
  derivationOrigin?: string;
  targets?: Principal[];
  maxTimeToLive?: bigint;
  exportSession: boolean;
}

export function readConfig(): PageConfig {
  const text = document.getElementById('dapp-config')?.textContent ?? '';
  const c = JSON.parse(text) as PageConfig;
  if (typeof c.canisterId !== 'string') throw new Error('page config has no canisterId');
  return c;
}

/** On localnet (`*.localhost`) II's canister host, elsewhere https://id.ai (keeping the port). */
function defaultIdentityProvider(page: URL): string {
  const port = page.port ? `:${page.port}` : '';
  if (page.hostname.endsWith('.localhost') || page.hostname === 'localhost')
    return `${page.protocol}//${II_CANISTER_ID}.localhost${port}`;
  return `https://id.ai${port}`;
}

export function readSettings(config: PageConfig, page: URL): Settings {
  const q = page.searchParams;
  const ii = new URL(q.get('ii') ?? config.iiUrl ?? defaultIdentityProvider(page));
  const settings: Settings = {
    identityProvider: `${ii.origin}/authorize`,
    exportSession: q.get('exportSession') === '1',
  };
  const derivationOrigin = q.get('derivationOrigin');
  if (derivationOrigin) settings.derivationOrigin = derivationOrigin;
  const targets = q.get('targets');
  if (targets) settings.targets = targets.split(',').map((t) => Principal.fromText(t));
  const ttl = q.get('maxTimeToLive');
  if (ttl !== null) {
    if (!/^\d+$/.test(ttl)) throw new Error(`maxTimeToLive must be nanoseconds: ${ttl}`);
    settings.maxTimeToLive = BigInt(ttl);
  }
  return settings;
}

const byTestId = <T extends HTMLElement>(id: string): T => {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`page is missing [data-testid=${id}]`);
  return el;
};

export const ui = {
  identityProvider: byTestId('identity-provider'),
  principal: byTestId<HTMLOutputElement>('principal'),
  principalUpdate: byTestId<HTMLOutputElement>('principal-update'),
  login: byTestId<HTMLButtonElement>('login'),
  logout: byTestId<HTMLButtonElement>('logout'),
  error: byTestId('error'),
  delegation: byTestId('delegation'),
  session: byTestId('session'),
};

export type PageState = 'ready' | 'signing-in' | 'signed-in' | 'error';
export const setState = (state: PageState): void => {
  document.body.dataset.state = state;
};

/** The alert; a signer's JSON-RPC error shows its code (SignerError.code) before its message. */
export function showError(what: string, e: unknown): void {
  const code = (e as { code?: unknown } | null)?.code;
  const text = e instanceof Error ? e.message : String(e);
  ui.error.textContent = `${what}: ${typeof code === 'number' ? `${code} ` : ''}${text}`;
  setState('error');
}

const whoamiIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    whoami: I.Func([], [I.Text], ['query']),
    whoami_update: I.Func([], [I.Principal], []),
  });

interface Whoami {
  whoami(): Promise<string>;
  whoami_update(): Promise<Principal>;
}

/** The chain the page holds, shown for tests (public data: useless without the session key). */
export function showDelegation(chain: DelegationChain): void {
  ui.delegation.textContent = JSON.stringify(chain.toJSON());
}

/** Calls whoami (query) and whoami_update (call) as `identity`, through the page's own origin. */
export async function showSignedIn(config: PageConfig, identity: Identity): Promise<void> {
  const agent = await HttpAgent.create({
    host: window.location.origin,
    identity,
    shouldFetchRootKey: config.fetchRootKey,
  });
  const actor = Actor.createActor<Whoami>(whoamiIdl, { agent, canisterId: config.canisterId });
  ui.principal.textContent = await actor.whoami();
  ui.principalUpdate.textContent = (await actor.whoami_update()).toText();
  ui.login.hidden = true;
  ui.logout.hidden = false;
  setState('signed-in');
}

export function showSignedOut(): void {
  ui.principal.textContent = 'not logged in';
  ui.principalUpdate.textContent = '';
  ui.delegation.textContent = '';
  ui.login.hidden = false;
  ui.login.disabled = false;
  ui.logout.hidden = true;
  setState('ready');
}
