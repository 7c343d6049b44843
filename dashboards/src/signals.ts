/**
 * The metric names this package reads, from the catalogues that publish them: the exporter's
 * (probes), the release tool's (deploy), and the canister's own /metrics. Rules and dashboards use
 * these constants only, and a test evaluates every query against a Prometheus that scraped the
 * running system, so no query names a metric nothing exports.
 */
import { RELEASE_METRICS } from '@ii/deploy';
import { METRIC_NAMES } from '@ii/probes';

export const PROBE = METRIC_NAMES;
export const RELEASE = RELEASE_METRICS;

/** The canister's /metrics (canister/src/http/metrics.ts), `internet_identity_` prefixed. */
export const CANISTER = {
  userCount: 'internet_identity_user_count',
  minUserNumber: 'internet_identity_min_user_number',
  maxUserNumber: 'internet_identity_max_user_number',
  signatureCount: 'internet_identity_signature_count',
  stableMemoryPages: 'internet_identity_stable_memory_pages',
  lastUpgrade: 'internet_identity_last_upgrade_timestamp',
  inflightChallenges: 'internet_identity_inflight_challenges',
  usersInRegistrationMode: 'internet_identity_users_in_registration_mode',
  delegations: 'internet_identity_delegation_counter',
  anchorOperations: 'internet_identity_anchor_operations_counter',
  rateLimitTokens: 'internet_identity_register_rate_limit_current_tokens',
  rateLimitMaxTokens: 'internet_identity_register_rate_limit_max_tokens',
  rateLimitSecondsPerToken: 'internet_identity_register_rate_limit_time_per_tokens_seconds',
  buildInfo: 'internet_identity_build_info',
  /** Anchors registered since the last upgrade, by `api` (v1 register, v2 identity_register). */
  registrations: 'internet_identity_registrations',
} as const;

/**
 * Metrics the canister does not export yet (the official II has them): no rule or panel may read
 * them until they move into CANISTER, with the canister change that exports them.
 */
export const CANISTER_COMING = {
  dailyActiveAnchors: 'internet_identity_daily_active_anchors',
  monthlyActiveAnchors: 'internet_identity_monthly_active_anchors',
  heapPages: 'internet_identity_heap_pages',
} as const;

/** Scrape jobs (prometheus.ts writes them; `up{job=…}` tells whether a scrape worked). */
export const JOBS = {
  exporter: 'ii-exporter',
  canister: 'ii-canister',
  pushgateway: 'pushgateway',
} as const;

/** Histograms: queries read their `_bucket`, `_count` and `_sum` series, never the bare name. */
export const HISTOGRAMS: readonly string[] = [
  PROBE.runDuration,
  PROBE.stepDuration,
  RELEASE.stepDuration,
];

/** Prometheus's own series for every scrape: 1 when it worked. */
export const SCRAPE = { up: 'up' } as const;

/** The targets every environment has: the canary (a clone) and production. */
export const TARGETS = ['canary', 'production'] as const;
