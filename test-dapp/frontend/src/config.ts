// Everything the page decides before logging in, as pure functions of the canister-filled config
// and the page URL (so it is unit-tested without a browser). Query parameters exist for tests:
//   ?ii=<url>                   identity provider (origin, optionally with a path)
//   ?maxTimeToLive=<ns>         passed to authClient.login (decimal nanoseconds)
//   ?derivationOrigin=<origin>  passed to authClient.login
import type { PageConfig } from '../../canister/src/page-config.js';

/** Internet Identity's canister id on mainnet, and the id `npm start` installs it at locally. */
export const II_CANISTER_ID = 'rdmx6-jaaaa-aaaaa-aaadq-cai';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the JSON block the canister filled in. @throws ConfigError */
export function parsePageConfig(text: string | null | undefined): PageConfig {
  let v: unknown;
  try {
    v = JSON.parse(text ?? '');
  } catch {
    throw new ConfigError(
      'page config is missing or not JSON (was the page served by the canister?)',
    );
  }
  const o = v as Partial<Record<keyof PageConfig, unknown>>;
  if (typeof o !== 'object' || o === null || typeof o.canisterId !== 'string')
    throw new ConfigError('page config has no canisterId');
  if (o.iiUrl !== null && typeof o.iiUrl !== 'string')
    throw new ConfigError('page config iiUrl must be a string or null');
  if (typeof o.fetchRootKey !== 'boolean')
    throw new ConfigError('page config fetchRootKey must be a boolean');
  return { canisterId: o.canisterId, iiUrl: o.iiUrl, fetchRootKey: o.fetchRootKey };
}

/**
 * With no II URL configured: on `*.localhost` / 127.0.0.1 (localnet) II's canister host on the same
 * scheme and port; elsewhere (production hostnames) `https://identity.internetcomputer.org`,
 * keeping the page's port so localnet's HTTPS listener works too.
 */
export function defaultIiUrl(page: URL): string {
  const port = page.port ? `:${page.port}` : '';
  const h = page.hostname;
  if (h === 'localhost' || h.endsWith('.localhost') || h === '127.0.0.1')
    return `${page.protocol}//${II_CANISTER_ID}.localhost${port}`;
  return `https://identity.internetcomputer.org${port}`;
}

export interface LoginSettings {
  /** `<II URL>#authorize`, what authClient.login opens. */
  identityProvider: string;
  maxTimeToLive?: bigint;
  derivationOrigin?: string;
}

/** @throws ConfigError on a malformed query parameter (better than silently ignoring a test's ask). */
export function loginSettings(config: PageConfig, page: URL): LoginSettings {
  const q = page.searchParams;
  const raw = q.get('ii') ?? config.iiUrl ?? defaultIiUrl(page);
  let ii: URL;
  try {
    ii = new URL(raw);
  } catch {
    throw new ConfigError(`identity provider URL is not a URL: ${raw}`);
  }
  ii.hash = 'authorize';
  const settings: LoginSettings = { identityProvider: ii.href };
  const ttl = q.get('maxTimeToLive');
  if (ttl !== null) {
    if (!/^\d+$/.test(ttl)) throw new ConfigError(`maxTimeToLive must be nanoseconds: ${ttl}`);
    settings.maxTimeToLive = BigInt(ttl);
  }
  const derivationOrigin = q.get('derivationOrigin');
  if (derivationOrigin !== null) settings.derivationOrigin = derivationOrigin;
  return settings;
}

/** What auth-client's onError passes when the user closed the login window. */
export const USER_INTERRUPT = 'UserInterrupt';

/**
 * The alert for a failed login, in words a person understands: auth-client reports a closed
 * window as the bare code `UserInterrupt`; any other reason is Internet Identity's own text.
 */
export function loginErrorText(reason: string | undefined): string {
  if (reason === USER_INTERRUPT)
    return 'Login cancelled: the Internet Identity window was closed. Log in again when you are ready.';
  return `Login failed: ${reason?.trim() || 'no reason given'}`;
}
