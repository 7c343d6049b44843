// The canister's stored settings and how an init/upgrade argument changes them: an absent field
// keeps what is stored (so `upgrade` without an argument keeps alternative origins set at runtime).
import type { InitArgT } from './candid.js';
import { DEFAULT_ALTERNATIVE_ORIGINS, DEFAULT_AUTH_CALLBACKS } from './site.js';

export interface Settings {
  iiUrl: string | null;
  fetchRootKey: boolean;
  alternativeOrigins: string;
  authCallbacks: string;
}

export const DEFAULT_SETTINGS: Settings = {
  iiUrl: null,
  fetchRootKey: false,
  alternativeOrigins: DEFAULT_ALTERNATIVE_ORIGINS,
  authCallbacks: DEFAULT_AUTH_CALLBACKS,
};

export function applyInitArg(stored: Settings, arg: [] | [InitArgT]): Settings {
  const a = arg[0];
  if (a === undefined) return stored;
  return {
    iiUrl: a.ii_url[0] ?? stored.iiUrl,
    fetchRootKey: a.fetch_root_key[0] ?? stored.fetchRootKey,
    alternativeOrigins: a.alternative_origins[0] ?? stored.alternativeOrigins,
    authCallbacks: a.auth_callbacks[0] ?? stored.authCallbacks,
  };
}

/** Reads settings stored as JSON; anything unreadable falls back to the defaults field by field. */
export function parseSettings(json: string | undefined): Settings {
  if (json === undefined) return DEFAULT_SETTINGS;
  let v: Partial<Record<keyof Settings, unknown>>;
  try {
    v = JSON.parse(json) as typeof v;
  } catch {
    return DEFAULT_SETTINGS;
  }
  return {
    iiUrl: typeof v.iiUrl === 'string' ? v.iiUrl : DEFAULT_SETTINGS.iiUrl,
    fetchRootKey: typeof v.fetchRootKey === 'boolean' ? v.fetchRootKey : false,
    alternativeOrigins:
      typeof v.alternativeOrigins === 'string'
        ? v.alternativeOrigins
        : DEFAULT_SETTINGS.alternativeOrigins,
    authCallbacks:
      typeof v.authCallbacks === 'string' ? v.authCallbacks : DEFAULT_SETTINGS.authCallbacks,
  };
}
