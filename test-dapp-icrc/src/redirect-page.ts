// A relying party on the ICRC-167 URL transport (what @icp-sdk/auth 8's transport: 'redirect'
// speaks; that release is not on the registry this repository installs from, so this page speaks
// the transport itself): the tab navigates to `<II>/authorize#message=<JSON-RPC>&callback=<this
// page>&state=<uuid>` and II navigates back here with `#message=<response>&state=<uuid>`. The
// session key and the pending state live in sessionStorage across the round trip.
import {
  Delegation,
  DelegationChain,
  DelegationIdentity,
  Ed25519KeyIdentity,
} from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';
import {
  readConfig,
  readSettings,
  showDelegation,
  showError,
  showSignedIn,
  showSignedOut,
  ui,
  type Settings,
} from './page.js';

const PENDING = 'icrc167-pending';

interface Pending {
  state: string;
  id: string;
  key: ReturnType<Ed25519KeyIdentity['toJSON']>;
  exportSession: boolean;
}

const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

function start(settings: Settings): void {
  const key = Ed25519KeyIdentity.generate();
  const pending: Pending = {
    state: crypto.randomUUID(),
    id: crypto.randomUUID(),
    key: key.toJSON(),
    exportSession: settings.exportSession,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const request = {
    jsonrpc: '2.0',
    id: pending.id,
    method: 'icrc34_delegation',
    params: {
      publicKey: toBase64(new Uint8Array(key.getPublicKey().toDer())),
      ...(settings.targets ? { targets: settings.targets.map((t) => t.toText()) } : {}),
      ...(settings.maxTimeToLive !== undefined
        ? { maxTimeToLive: settings.maxTimeToLive.toString() }
        : {}),
      ...(settings.derivationOrigin ? { icrc95DerivationOrigin: settings.derivationOrigin } : {}),
    },
  };
  const fragment = new URLSearchParams({
    message: JSON.stringify(request),
    callback: `${window.location.origin}${window.location.pathname}`,
    state: pending.state,
  });
  window.location.assign(`${settings.identityProvider}#${fragment.toString()}`);
}

interface Icrc34Result {
  publicKey: string;
  signerDelegation: {
    delegation: { pubkey: string; expiration: string; targets?: string[] };
    signature: string;
  }[];
}

/** The signer's answer, if this load is one; consumes the pending state. */
function takeResponse(): { pending: Pending; response: Record<string, unknown> } | undefined {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const message = params.get('message');
  if (message === null) return undefined;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (raw === null) throw new Error('a response arrived but no request is pending');
  const pending = JSON.parse(raw) as Pending;
  if (params.get('state') !== pending.state) throw new Error('the response state does not match');
  const response = JSON.parse(message) as Record<string, unknown>;
  if (response.id !== pending.id) throw new Error('the response id does not match');
  return { pending, response };
}

async function main(): Promise<void> {
  const config = readConfig();
  const url = new URL(window.location.href);
  const returned = takeResponse();
  if (returned) {
    const { pending, response } = returned;
    ui.identityProvider.textContent = 'ICRC-167 response';
    if ('error' in response) {
      const error = response.error as { code: number; message: string; data?: unknown };
      throw new Error(`${error.code} ${error.message} ${JSON.stringify(error.data ?? '')}`);
    }
    const result = response.result as Icrc34Result;
    const chain = DelegationChain.fromDelegations(
      result.signerDelegation.map(({ delegation, signature }) => ({
        delegation: new Delegation(
          fromBase64(delegation.pubkey),
          BigInt(delegation.expiration),
          delegation.targets?.map((t) => Principal.fromText(t)),
        ),
        signature: fromBase64(signature) as never,
      })),
      fromBase64(result.publicKey) as never,
    );
    const key = Ed25519KeyIdentity.fromParsedJson(pending.key);
    showDelegation(chain);
    if (pending.exportSession)
      ui.session.textContent = JSON.stringify({ key: pending.key, chain: chain.toJSON() });
    await showSignedIn(config, DelegationIdentity.fromDelegation(key, chain));
    ui.logout.addEventListener('click', showSignedOut);
    return;
  }
  const settings = readSettings(config, url);
  ui.identityProvider.textContent = settings.identityProvider;
  ui.login.addEventListener('click', () => start(settings));
  ui.logout.addEventListener('click', showSignedOut);
  showSignedOut();
  // The redirect needs no user gesture: ?auto=1 signs in on load.
  if (url.searchParams.get('auto') === '1') start(settings);
}

main().catch((e: unknown) => showError('Login failed', e));
