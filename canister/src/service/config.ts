import { changeAnchorRange, validateRateLimitConfig } from '../anchors/index.js';
import type { InternetIdentityInitT } from '../candid.js';
import type { PersistentState } from '../storage/index.js';
import { ServiceError } from './ports.js';

type Init = InternetIdentityInitT;

/**
 * The official II's init settings this canister does not implement, each with the test for the
 * value that leaves its feature off (accepted: it asks for what this canister does anyway). Any
 * other value refuses the install or upgrade, naming the field, rather than being dropped.
 */
const UNSUPPORTED_SETTINGS: ReadonlyArray<{
  field: keyof Init;
  off: (value: never) => boolean;
  offText: string;
}> = [
  { field: 'related_origins', off: (v: string[]) => v.length === 0, offText: 'vec {}' },
  { field: 'new_flow_origins', off: (v: string[]) => v.length === 0, offText: 'vec {}' },
  { field: 'openid_configs', off: (v: unknown[]) => v.length === 0, offText: 'vec {}' },
  { field: 'sso_allow_insecure_discovery', off: (v: boolean) => !v, offText: 'false' },
  { field: 'analytics_config', off: (v: [] | [unknown]) => v.length === 0, offText: 'null' },
  { field: 'enable_dapps_explorer', off: (v: boolean) => !v, offText: 'false' },
  { field: 'is_production', off: () => false, offText: '' },
  { field: 'dummy_auth', off: (v: [] | [unknown]) => v.length === 0, offText: 'null' },
  { field: 'backend_canister_id', off: () => false, offText: '' },
  { field: 'backend_origin', off: () => false, offText: '' },
  { field: 'enable_dnssec_email_recovery', off: (v: boolean) => !v, offText: 'false' },
  { field: 'dnssec_config', off: (v: [] | [unknown]) => v.length === 0, offText: 'null' },
  { field: 'doh_config', off: (v: [] | [unknown]) => v.length === 0, offText: 'null' },
  { field: 'mcp_official_url', off: (v: [] | [unknown]) => v.length === 0, offText: 'null' },
];

/** Refuses a setting of the official interface that this canister does not implement. */
function refuseUnsupported(arg: Init): void {
  for (const { field, off, offText } of UNSUPPORTED_SETTINGS) {
    const value = arg[field] as [] | [never];
    if (value.length === 0 || off(value[0])) continue;
    const allowed = offText ? `leave it null, or set it to ${offText}` : 'leave it null';
    throw new ServiceError(
      'UnsupportedInitSetting',
      `the init argument sets ${field}, which this canister does not implement: ${allowed}`,
    );
  }
  const [captcha] = arg.captcha_config;
  if (captcha && 'Dynamic' in captcha.captcha_trigger) {
    throw new ServiceError(
      'UnsupportedInitSetting',
      'the init argument sets captcha_config.captcha_trigger = Dynamic, which this canister does not implement: use Static',
    );
  }
}

/**
 * Applies `InternetIdentityInit` (install or upgrade): every non-null field replaces the stored
 * value, null keeps it (spec). An invalid or unsupported field rejects the whole install/upgrade,
 * so the canister keeps running with its previous configuration.
 */
export function applyInitArg(
  state: PersistentState,
  arg: InternetIdentityInitT | undefined,
  now: bigint,
): PersistentState {
  let next: PersistentState = { ...state, lastUpgradeTimestamp: now };
  if (!arg) return next;
  refuseUnsupported(arg);
  const [range] = arg.assigned_user_number_range;
  if (range) {
    const changed = changeAnchorRange(
      { range: state.anchorRange, count: state.anchorCount },
      { lo: range[0], hi: range[1] },
    );
    if (!changed.ok) throw new ServiceError(changed.error.code, changed.error.message);
    next = { ...next, anchorRange: changed.allocation.range };
  }
  const [rateLimit] = arg.register_rate_limit;
  if (rateLimit) {
    const config = { timePerTokenNs: rateLimit.time_per_token_ns, maxTokens: rateLimit.max_tokens };
    const error = validateRateLimitConfig(config);
    if (error) throw new ServiceError(error.code, error.message);
    next = { ...next, registerRateLimit: config };
  }
  const [maxInflight] = arg.max_inflight_captchas;
  if (maxInflight !== undefined) next = { ...next, maxInflightCaptchas: maxInflight };
  const [captcha] = arg.captcha_config;
  if (captcha) {
    const trigger = captcha.captcha_trigger;
    // Dynamic was refused above.
    const enabled = 'Static' in trigger && 'CaptchaEnabled' in trigger.Static;
    next = {
      ...next,
      captchaConfig: {
        maxUnsolvedCaptchas: captcha.max_unsolved_captchas,
        captchaEnabled: enabled,
      },
    };
  }
  const [archive] = arg.archive_config;
  if (archive) {
    next = {
      ...next,
      archiveConfig: {
        moduleHash: archive.module_hash,
        entriesBufferLimit: archive.entries_buffer_limit,
        entriesFetchLimit: archive.entries_fetch_limit,
        pollingIntervalNs: archive.polling_interval_ns,
      },
    };
  }
  const [fetchRootKey] = arg.fetch_root_key;
  if (fetchRootKey !== undefined) next = { ...next, fetchRootKey };
  const [cyclesCost] = arg.canister_creation_cycles_cost;
  if (cyclesCost !== undefined) next = { ...next, canisterCreationCyclesCost: cyclesCost };
  return next;
}
