/**
 * A network by name or URL, and an agent for it that trusts the right root key: mainnet's
 * (built into @dfinity/agent) on mainnet, otherwise the one given, or the one the network says it
 * has (fine for localnet and testnets, never for mainnet).
 */
import { HttpAgent, type Identity } from '@dfinity/agent';
import { ClientError } from './errors.js';
import { LOCAL_URL, MAINNET_URL } from './ids.js';

export interface Network {
  /** The API endpoint, without a trailing slash. */
  url: string;
  mainnet: boolean;
  /** The root key to trust off mainnet; fetched from the network when absent. */
  rootKey?: Uint8Array;
}

const MAINNET_HOSTS = new Set(['icp-api.io', 'ic0.app', 'icp0.io']);

/** `ic` (mainnet), `local` (localnet's default port) or a URL. */
export function network(spec: string, rootKeyHex?: string): Network {
  let url: string;
  if (spec === 'ic') url = MAINNET_URL;
  else if (spec === 'local') url = LOCAL_URL;
  else {
    let parsed: URL;
    try {
      parsed = new URL(spec);
    } catch {
      throw new ClientError('II_ERR_CLIENT_NETWORK', spec);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new ClientError('II_ERR_CLIENT_NETWORK', spec);
    url = parsed.origin;
  }
  const mainnet = MAINNET_HOSTS.has(new URL(url).hostname);
  const result: Network = { url, mainnet };
  if (rootKeyHex !== undefined) {
    if (!/^[0-9a-fA-F]{266}$/.test(rootKeyHex)) throw new ClientError('II_ERR_CLIENT_ROOT_KEY');
    result.rootKey = hexBytes(rootKeyHex);
  }
  return result;
}

export interface AgentOptions {
  identity?: Identity;
  /** Retries of a failed HTTP request (the agent's default is 3; 0 where a failure is expected). */
  retryTimes?: number;
}

export async function createAgent(net: Network, options: AgentOptions = {}): Promise<HttpAgent> {
  return HttpAgent.create({
    host: net.url,
    identity: options.identity,
    ...(options.retryTimes !== undefined ? { retryTimes: options.retryTimes } : {}),
    ...(net.mainnet
      ? {}
      : net.rootKey
        ? { rootKey: net.rootKey, shouldFetchRootKey: false }
        : { shouldFetchRootKey: true }),
  });
}

/** The URL a canister's HTTP interface answers `path` on (certified, through the gateway). */
export function canisterHttpUrl(net: Network, canisterId: string, path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  if (net.mainnet) return `https://${canisterId}.icp0.io${p}`;
  // localnet resolves the canister from `?canisterId=` (Node cannot resolve `<id>.localhost`).
  const sep = p.includes('?') ? '&' : '?';
  return `${net.url}${p}${sep}canisterId=${canisterId}`;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
