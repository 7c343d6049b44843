/**
 * Canister: how close each target's canister is to its limits (stable memory, anchor range, the
 * register rate limit), whether the IC's certified state is current, and whether Prometheus can
 * scrape what the other dashboards need. From the canister's /metrics and ii-exporter's read_state.
 */
import { SCRAPE_INTERVALS } from '../config/prometheus-config.js';
import { LIMITS, STABLE_MEMORY_BUDGET_BYTES, STABLE_PAGE_BYTES } from '../rules/alerts.js';
import { CANISTER, JOBS, PROBE, SCRAPE } from '../signals.js';
import { type GrafanaDashboard, buildDashboard, labelVariable } from './build-dashboard.js';
import {
  type Query,
  byVariable,
  selector,
  stateTimelinePanel,
  statPanel,
  states,
  tablePanel,
  timeseriesPanel,
} from './panels.js';

const FILTERS = ['target'] as const;
const of = (metric: string, ...matchers: string[]) =>
  selector(metric, byVariable('target'), ...matchers);
/** The canister is scraped every 30 s: no finer steps, rate windows of four scrapes. */
const canister = (expr: string, legend = '{{target}}', instant = false): Query => ({
  expr,
  legend,
  instant,
  minInterval: SCRAPE_INTERVALS.canister,
});
const stableBytes = `sum by (target) (${of(CANISTER.stableMemoryPages)}) * ${STABLE_PAGE_BYTES}`;
const anchorRangeUsed = `sum by (target) (${of(CANISTER.userCount)}) / (sum by (target) (${of(CANISTER.maxUserNumber)}) - sum by (target) (${of(CANISTER.minUserNumber)}) + 1)`;
const UP_DOWN = states({ 1: { text: 'UP', color: 'green' }, 0: { text: 'DOWN', color: 'red' } });
const budgetGiB = STABLE_MEMORY_BUDGET_BYTES / 2 ** 30;

function build() {
  return buildDashboard({
    uid: CANISTER_DASHBOARD.uid,
    title: 'Internet Identity / Canister',
    description:
      'Each target’s canister: stable memory against what its layout is sized for, the anchor range, the register rate limit, signatures and captcha challenges, the IC’s certified time and module state, and whether Prometheus can scrape it all.',
    variables: [
      labelVariable(
        'target',
        CANISTER.userCount,
        'canary or production: each canister’s own /metrics, scraped through its raw hostname.',
      ),
    ],
    rows: [
      {
        title: 'Limits',
        panels: [
          statPanel({
            title: 'Stable memory used',
            description: `Stable memory in use over the ${budgetGiB} GiB the canister’s layout is sized for (its anchor range × 4 KiB records). StableMemoryNearLimit opens a ticket at ${LIMITS.stableMemoryShare * 100} %: plan a new anchor range or a layout change before registrations fail.`,
            unit: 'percentunit',
            queries: [canister(`${stableBytes} / ${STABLE_MEMORY_BUDGET_BYTES}`)],
            thresholds: [
              { value: null, color: 'green' },
              { value: LIMITS.stableMemoryShare, color: 'red' },
            ],
            text: 'value_and_name',
            decimals: 2,
            sparkline: true,
            alerts: ['StableMemoryNearLimit'],
          }),
          statPanel({
            title: 'Anchor range used',
            description: `Anchors registered over the anchor numbers this canister can assign (max − min + 1). AnchorRangeNearlyFull opens a ticket at ${LIMITS.anchorRangeShare * 100} %; at 100 % every registration fails.`,
            unit: 'percentunit',
            queries: [canister(anchorRangeUsed)],
            thresholds: [
              { value: null, color: 'green' },
              { value: LIMITS.anchorRangeShare, color: 'red' },
            ],
            text: 'value_and_name',
            decimals: 4,
            sparkline: true,
            alerts: ['AnchorRangeNearlyFull'],
          }),
          statPanel({
            title: 'Register rate-limit tokens',
            description:
              'Registrations the rate limit would admit right now. At 0 every new user is turned away (RegisterRateLimitExhausted pages after 10 minutes): a registration spike, often abuse; see "Rate limit over time".',
            unit: 'short',
            queries: [canister(`sum by (target) (${of(CANISTER.rateLimitTokens)})`)],
            thresholds: [
              { value: null, color: 'red' },
              { value: 1, color: 'green' },
            ],
            text: 'value_and_name',
            decimals: 0,
            noValue: 'not rate limited',
            alerts: ['RegisterRateLimitExhausted'],
          }),
          statPanel({
            title: 'Certified time lag',
            description: `How far the IC’s certified time for each target’s canister is behind ii-exporter’s clock. Over ${LIMITS.timeLagSeconds} s for 5 minutes raises CertifiedTimeLagging: the subnet is stalled or slow, and delegations may be refused as expired.`,
            unit: 's',
            queries: [{ expr: `max by (target) (${of(PROBE.timeLag)})`, legend: '{{target}}' }],
            thresholds: [
              { value: null, color: 'green' },
              { value: LIMITS.timeLagSeconds, color: 'red' },
            ],
            text: 'value_and_name',
            decimals: 1,
            sparkline: true,
            alerts: ['CertifiedTimeLagging'],
          }),
        ],
      },
      {
        title: 'Memory and anchors',
        panels: [
          timeseriesPanel({
            title: 'Stable memory',
            description: `Stable memory in use (64 KiB pages × pages), against the ${LIMITS.stableMemoryShare * 100} % line where StableMemoryNearLimit fires. It grows with every anchor and never shrinks; a jump without registrations is worth a look.`,
            unit: 'bytes',
            queries: [canister(stableBytes)],
            min: 0,
            thresholds: [
              { value: null, color: 'green' },
              { value: LIMITS.stableMemoryShare * STABLE_MEMORY_BUDGET_BYTES, color: 'red' },
            ],
            thresholdLines: true,
            alerts: ['StableMemoryNearLimit'],
          }),
          tablePanel({
            title: 'Anchor range',
            description:
              'Per target: the lowest and highest anchor number the canister can assign and the anchors registered so far. The next anchor is min + anchors; registrations fail once it passes max.',
            unit: 'short',
            queries: [
              canister(`max by (target) (${of(CANISTER.minUserNumber)})`),
              canister(`max by (target) (${of(CANISTER.maxUserNumber)})`),
              canister(`max by (target) (${of(CANISTER.userCount)})`),
            ],
            rename: { 'Value #A': 'min anchor', 'Value #B': 'max anchor', 'Value #C': 'anchors' },
            decimals: 0,
            alerts: ['AnchorRangeNearlyFull'],
          }),
          timeseriesPanel({
            title: 'Signatures and captcha challenges',
            description:
              'Signatures in the certified signature map (delegations prepared in the last minute, pruned as they expire) and captcha challenges not yet used or expired. Either climbing without more logins or registrations is abuse or a pruning bug.',
            unit: 'short',
            queries: [
              canister(`sum by (target) (${of(CANISTER.signatureCount)})`, '{{target}} signatures'),
              canister(
                `sum by (target) (${of(CANISTER.inflightChallenges)})`,
                '{{target}} captcha challenges',
              ),
            ],
            min: 0,
          }),
          timeseriesPanel({
            title: 'Rate limit over time',
            description:
              'Register rate-limit tokens available and the most the limit holds. Tokens draining to 0 while the refill (below) is steady means registrations come faster than the limit allows.',
            unit: 'short',
            queries: [
              canister(`sum by (target) (${of(CANISTER.rateLimitTokens)})`, '{{target}} tokens'),
              canister(
                `sum by (target) (${of(CANISTER.rateLimitMaxTokens)})`,
                '{{target}} max tokens',
              ),
            ],
            min: 0,
            thresholds: [
              { value: null, color: 'red' },
              { value: 1, color: 'green' },
            ],
            thresholdLines: true,
            alerts: ['RegisterRateLimitExhausted'],
          }),
          statPanel({
            title: 'Rate-limit refill',
            description:
              'Seconds for one registration token to come back: the sustained registration rate the limit allows is one per this many seconds.',
            unit: 's',
            queries: [canister(`max by (target) (${of(CANISTER.rateLimitSecondsPerToken)})`)],
            text: 'value_and_name',
            width: 24,
            height: 4,
          }),
        ],
      },
      {
        title: 'Certified state',
        panels: [
          timeseriesPanel({
            title: 'Certified time lag over time',
            description: `The IC’s certified time for each target behind ii-exporter’s clock, read every 10 s. Above the ${LIMITS.timeLagSeconds} s line for 5 minutes CertifiedTimeLagging fires. Both targets lagging together: their subnet; one: that canister’s state.`,
            unit: 's',
            queries: [{ expr: `max by (target) (${of(PROBE.timeLag)})`, legend: '{{target}}' }],
            thresholds: [
              { value: null, color: 'green' },
              { value: LIMITS.timeLagSeconds, color: 'red' },
            ],
            thresholdLines: true,
            alerts: ['CertifiedTimeLagging'],
          }),
          stateTimelinePanel({
            title: 'read_state',
            description:
              'Whether ii-exporter’s last read_state of each target’s canister (module hash, controllers, certified time) succeeded. DOWN for 5 minutes raises ReadStateFailing: the release-drift alerts are blind for that target.',
            unit: 'none',
            queries: [
              { expr: `min by (target) (${of(PROBE.readStateSuccess)})`, legend: '{{target}}' },
            ],
            mappings: UP_DOWN,
            width: 12,
            alerts: ['ReadStateFailing'],
          }),
          statPanel({
            title: 'Last upgrade',
            description:
              'When each target’s canister was last installed or upgraded, as the canister recorded it. An upgrade nobody announced: compare with Releases.',
            unit: 'dateTimeFromNow',
            // Nanoseconds since the epoch; the unit wants milliseconds.
            queries: [canister(`max by (target) (${of(CANISTER.lastUpgrade)}) / 1e6`)],
            text: 'value_and_name',
            width: 8,
            height: 6,
          }),
          tablePanel({
            title: 'Build and controllers',
            description:
              'The commit each target’s wasm was built from (the canister’s build_info) and the controllers the IC certifies for it. An unexpected controller can install any code: treat it as an incident.',
            unit: 'none',
            queries: [
              canister(`max by (target, git_commit) (${of(CANISTER.buildInfo)})`),
              { expr: `max by (target, canister_id, controller) (${of(PROBE.controllerInfo)})` },
            ],
            hide: ['Value #A', 'Value #B'],
            width: 16,
            height: 6,
          }),
        ],
      },
      {
        title: 'Scrapes',
        panels: [
          stateTimelinePanel({
            title: 'Prometheus scrapes',
            description:
              'Whether Prometheus could scrape each source: ii-exporter (probe results; ExporterDown pages, since a broken login would go unnoticed), each target’s canister /metrics (CanisterMetricsDown) and the Pushgateway (release steps; PushgatewayDown). A DOWN row leaves the panels fed by it empty.',
            unit: 'none',
            queries: [
              {
                expr: `max by (job) (${selector(SCRAPE.up, `job=~"${JOBS.exporter}|${JOBS.pushgateway}"`)})`,
                legend: '{{job}}',
              },
              {
                expr: `max by (job, target) (${selector(SCRAPE.up, `job="${JOBS.canister}"`, byVariable('target'))})`,
                legend: '{{job}} {{target}}',
              },
            ],
            mappings: UP_DOWN,
            alerts: ['ExporterDown', 'CanisterMetricsDown', 'PushgatewayDown'],
          }),
        ],
      },
    ],
  });
}

export const CANISTER_DASHBOARD: GrafanaDashboard = {
  uid: 'ii-canister',
  filters: FILTERS,
  build,
};
