import { changeAnchorRange, validateRateLimitConfig } from '../anchors/index.js';
import type { InternetIdentityInitT } from '../candid.js';
import type { PersistentState } from '../storage/index.js';
import { ServiceError } from './ports.js';

/**
 * Applies `InternetIdentityInit` (install or upgrade): every non-null field replaces the stored
 * value, null keeps it (spec). An invalid field rejects the whole install/upgrade, so the
 * canister keeps running with its previous configuration.
 */
export function applyInitArg(
  state: PersistentState,
  arg: InternetIdentityInitT | undefined,
  now: bigint,
): PersistentState {
  let next: PersistentState = { ...state, lastUpgradeTimestamp: now };
  if (!arg) return next;
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
    next = {
      ...next,
      captchaConfig: {
        maxUnsolvedCaptchas: captcha.max_unsolved_captchas,
        captchaEnabled: 'CaptchaEnabled' in captcha.captcha_trigger.Static,
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
