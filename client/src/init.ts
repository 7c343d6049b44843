/**
 * Init (and upgrade) arguments of Internet Identity. The same wasm runs everywhere; what differs
 * is said here, once:
 *   production  captcha on
 *   canary      captcha off, so probes can register anchors (a clone at its own id)
 *   test        captcha off (test deployments)
 * Off mainnet, `fetchRootKey` makes the page fetch the network's root key.
 */
import { IDL } from '@dfinity/candid';
import { type InternetIdentityInitT, initArgTypes } from '@ii/canister/candid';

export type InitPreset = 'production' | 'canary' | 'test';

/** Every field unset: on an upgrade, `null` keeps the current value. */
export function emptyInit(): InternetIdentityInitT {
  return {
    assigned_user_number_range: [],
    archive_config: [],
    canister_creation_cycles_cost: [],
    register_rate_limit: [],
    max_inflight_captchas: [],
    captcha_config: [],
    fetch_root_key: [],
    // The official II's settings this canister refuses unless null (canister/src/service/config.ts).
    related_origins: [],
    new_flow_origins: [],
    openid_configs: [],
    sso_allow_insecure_discovery: [],
    analytics_config: [],
    enable_dapps_explorer: [],
    is_production: [],
    dummy_auth: [],
    backend_canister_id: [],
    backend_origin: [],
    enable_dnssec_email_recovery: [],
    dnssec_config: [],
    doh_config: [],
    mcp_official_url: [],
  };
}

export interface InitOptions {
  /** The page fetches the network's root key (localnet and testnets only). */
  fetchRootKey?: boolean;
  /** Fields to set as given, over the preset's. */
  overrides?: Partial<InternetIdentityInitT>;
}

export function initArg(preset: InitPreset, options: InitOptions = {}): InternetIdentityInitT {
  const captcha = preset === 'production' ? { CaptchaEnabled: null } : { CaptchaDisabled: null };
  return {
    ...emptyInit(),
    captcha_config: [{ max_unsolved_captchas: 500n, captcha_trigger: { Static: captcha } }],
    ...(options.fetchRootKey ? { fetch_root_key: [true] as [boolean] } : {}),
    ...options.overrides,
  };
}

/** `(opt InternetIdentityInit)` as bytes; `null` is the empty option (keep everything). */
export function encodeInitArg(init: InternetIdentityInitT | null): Uint8Array {
  return new Uint8Array(IDL.encode(initArgTypes, [init === null ? [] : [init]]));
}
