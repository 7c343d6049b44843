import { describe, expect, it } from 'vitest';
import type { InternetIdentityInitT } from '../candid.js';
import { defaultPersistentState } from '../storage/index.js';
import { applyInitArg } from './config.js';

function init(overrides: Partial<InternetIdentityInitT> = {}): InternetIdentityInitT {
  return {
    assigned_user_number_range: [],
    archive_config: [],
    canister_creation_cycles_cost: [],
    register_rate_limit: [],
    max_inflight_captchas: [],
    captcha_config: [],
    fetch_root_key: [],
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
    ...overrides,
  };
}

const apply = (arg: InternetIdentityInitT) => applyInitArg(defaultPersistentState(), arg, 1n);

describe('the init argument: settings of the official interface this canister does not implement', () => {
  const on: Array<[keyof InternetIdentityInitT, unknown]> = [
    ['related_origins', [['https://id.ai']]],
    ['new_flow_origins', [['https://id.ai']]],
    ['openid_configs', [[{}]]],
    ['sso_allow_insecure_discovery', [true]],
    ['analytics_config', [[{ Plausible: {} }]]],
    ['enable_dapps_explorer', [true]],
    ['is_production', [true]],
    ['is_production', [false]],
    ['dummy_auth', [[{ prompt_for_index: false }]]],
    ['backend_canister_id', [new Uint8Array()]],
    ['backend_origin', ['https://x']],
    ['enable_dnssec_email_recovery', [true]],
    ['dnssec_config', [[{ root_anchors: [] }]]],
    ['doh_config', [[{ allowed_domains: [], max_cache_age_secs: [] }]]],
    ['mcp_official_url', [['https://mcp.id.ai']]],
  ];
  for (const [field, value] of on) {
    it(`refuses ${field} = ${JSON.stringify(value)}, naming the field`, () => {
      expect(() => apply(init({ [field]: value }))).toThrow(
        new RegExp(
          `^UnsupportedInitSetting: the init argument sets ${field}, which this canister does not implement`,
        ),
      );
    });
  }

  it('accepts null and the values that leave a feature off', () => {
    const off: Partial<InternetIdentityInitT> = {
      related_origins: [[]],
      new_flow_origins: [[]],
      openid_configs: [[]],
      sso_allow_insecure_discovery: [false],
      analytics_config: [[]],
      enable_dapps_explorer: [false],
      dummy_auth: [[]],
      enable_dnssec_email_recovery: [false],
      dnssec_config: [[]],
      doh_config: [[]],
      mcp_official_url: [[]],
    };
    expect(() => apply(init())).not.toThrow();
    expect(() => apply(init(off))).not.toThrow();
  });

  it('refuses a Dynamic captcha trigger, and applies a Static one', () => {
    const dynamic = init({
      captcha_config: [
        {
          max_unsolved_captchas: 10n,
          captcha_trigger: {
            Dynamic: {
              threshold_pct: 10,
              current_rate_sampling_interval_s: 60n,
              reference_rate_sampling_interval_s: 3600n,
            },
          },
        },
      ],
    });
    expect(() => apply(dynamic)).toThrow(
      /captcha_trigger = Dynamic, which this canister does not implement: use Static/,
    );
    const enabled = apply(
      init({
        captcha_config: [
          { max_unsolved_captchas: 7n, captcha_trigger: { Static: { CaptchaEnabled: null } } },
        ],
      }),
    );
    expect(enabled.captchaConfig).toEqual({ maxUnsolvedCaptchas: 7n, captchaEnabled: true });
  });
});
