/**
 * The alerts that are not SLO burn rates: a probe failing, the deployment drifting from what was
 * released, the canister near its limits, the monitoring itself gone. Severity `page` wakes
 * someone (Alertmanager sends a canary's pages as tickets); `ticket` waits for working hours.
 */
import { runbookUrl } from '../runbooks.js';
import { CANISTER, JOBS, PROBE, RELEASE } from '../signals.js';
import type { AlertRule, RuleGroup, Severity } from './types.js';

/** The stable memory this canister's layout is sized for (anchor range × 4 KiB records). */
export const STABLE_MEMORY_BUDGET_BYTES = 32 * 2 ** 30;
/** Longer than a canary soak and a promote take together. */
export const CANARY_DIVERGENCE = '2h';

interface AlertSpec {
  alert: string;
  expr: string;
  for?: string;
  severity: Severity;
  summary: string;
  description: string;
}

const alert = (a: AlertSpec): AlertRule => ({
  alert: a.alert,
  expr: a.expr,
  ...(a.for ? { for: a.for } : {}),
  labels: { severity: a.severity },
  annotations: {
    summary: a.summary,
    description: a.description,
    runbook_url: runbookUrl(a.alert),
  },
});

const probes: AlertSpec[] = [
  {
    alert: 'ProbeFailing',
    // Two failed runs in a row (a failing probe is re-run within seconds), or failing in two
    // locations at once.
    expr: `max by (target, flow, hostname) (${PROBE.consecutiveFailures}) >= 2
or
count by (target, flow, hostname) (${PROBE.consecutiveFailures} >= 1) >= 2`,
    severity: 'page',
    summary:
      'The {{ $labels.flow }} probe of {{ $labels.target }} fails on {{ $labels.hostname }}.',
    description:
      'Synthetic {{ $labels.flow }} runs against {{ $labels.target }} ({{ $labels.hostname }}) failed twice in a row or in two locations. Users on that hostname are likely affected. The failure reason is the `reason` label of ii_probe_runs_total.',
  },
];

const deployment: AlertSpec[] = [
  {
    alert: 'ModuleChangedWithoutRelease',
    expr: `${PROBE.moduleInfo} unless on (target, module_hash) ${RELEASE.info}`,
    for: '5m',
    severity: 'page',
    summary: '{{ $labels.target }} runs a module no release installed.',
    description:
      'The IC certifies module {{ $labels.module_hash }} for {{ $labels.target }} ({{ $labels.canister_id }}), but ii-deploy released no such module there. Someone installed code outside the release pipeline.',
  },
  {
    alert: 'CanaryProductionDiverged',
    expr: `count(count by (module_hash) (${PROBE.moduleInfo}{target=~"canary|production"})) > 1`,
    for: CANARY_DIVERGENCE,
    severity: 'ticket',
    summary: `Canary and production have run different modules for over ${CANARY_DIVERGENCE}.`,
    description: `A release went to the canary and was neither promoted nor rolled back within ${CANARY_DIVERGENCE}.`,
  },
  {
    alert: 'ReleaseStepFailed',
    expr: `${RELEASE.lastStep}{step!~"rollback.*"} == 0`,
    severity: 'ticket',
    summary: 'ii-deploy step {{ $labels.step }} failed on {{ $labels.target }}.',
    description:
      'The latest run of the {{ $labels.step }} step on {{ $labels.target }} failed; ii-deploy undid what it had started. Find out why before releasing again.',
  },
  {
    alert: 'RollbackFailed',
    expr: `${RELEASE.lastStep}{step=~"rollback.*"} == 0`,
    severity: 'page',
    summary: 'A rollback of {{ $labels.target }} failed ({{ $labels.step }}).',
    description:
      'ii-deploy could not put {{ $labels.target }} back on its previous release. The target may be running a bad module now.',
  },
];

const canister: AlertSpec[] = [
  {
    alert: 'StableMemoryNearLimit',
    expr: `${CANISTER.stableMemoryPages} * 65536 > 0.8 * ${STABLE_MEMORY_BUDGET_BYTES}`,
    for: '30m',
    severity: 'ticket',
    summary: '{{ $labels.target }} uses over 80 % of the stable memory its layout is sized for.',
    description:
      'Stable memory is {{ $value | humanize1024 }}B of 32 GiB. New anchors will fail when it is full.',
  },
  {
    alert: 'AnchorRangeNearlyFull',
    expr: `${CANISTER.userCount} / (${CANISTER.maxUserNumber} - ${CANISTER.minUserNumber} + 1) > 0.9`,
    for: '1h',
    severity: 'ticket',
    summary: '{{ $labels.target }} has assigned over 90 % of its anchor range.',
    description:
      'Registrations fail once the range is used up; {{ $value | humanizePercentage }} is used.',
  },
  {
    alert: 'RegisterRateLimitExhausted',
    expr: `${CANISTER.rateLimitTokens} < 1`,
    for: '10m',
    severity: 'page',
    summary: 'Registrations on {{ $labels.target }} are refused by the rate limit.',
    description:
      'The register rate limit has had no token for 10 minutes: every new user is turned away.',
  },
  {
    alert: 'CertifiedTimeLagging',
    expr: `${PROBE.timeLag} > 60`,
    for: '5m',
    severity: 'ticket',
    summary: "The IC's certified time for {{ $labels.target }} lags by {{ $value }} s.",
    description:
      "The subnet's certified time is over a minute behind: delegations may be refused as expired or not yet valid.",
  },
];

const monitoring: AlertSpec[] = [
  {
    alert: 'ExporterDown',
    expr: `up{job="${JOBS.exporter}"} == 0 or absent(up{job="${JOBS.exporter}"})`,
    for: '1m',
    severity: 'page',
    summary: 'Prometheus cannot scrape ii-exporter.',
    description: 'No probe results arrive: a broken login would go unnoticed.',
  },
  {
    alert: 'CanisterMetricsDown',
    expr: `up{job="${JOBS.canister}"} == 0`,
    for: '5m',
    severity: 'ticket',
    summary: "{{ $labels.target }}'s /metrics cannot be scraped.",
    description: 'The canister dashboards and capacity alerts for {{ $labels.target }} are blind.',
  },
  {
    alert: 'ReadStateFailing',
    expr: `${PROBE.readStateSuccess} == 0`,
    for: '5m',
    severity: 'ticket',
    summary: "ii-exporter cannot read {{ $labels.target }}'s certified state.",
    description:
      'Module hash, controllers and certified time of {{ $labels.target }} are unknown: release drift goes unnoticed.',
  },
  {
    alert: 'PushgatewayDown',
    expr: `up{job="${JOBS.pushgateway}"} == 0`,
    for: '5m',
    severity: 'ticket',
    summary: 'Prometheus cannot scrape the Pushgateway.',
    description: 'Release steps and released modules are not recorded.',
  },
];

export const ALERT_GROUPS: Record<string, AlertSpec[]> = {
  'ii-probes': probes,
  'ii-deployment': deployment,
  'ii-canister': canister,
  'ii-monitoring': monitoring,
};

export function alertRuleGroups(): RuleGroup[] {
  return Object.entries(ALERT_GROUPS).map(([name, specs]) => ({
    name,
    rules: specs.map(alert),
  }));
}
