/**
 * Health: are users able to use Internet Identity right now, and is the error budget holding?
 * From the synthetic probes (ii-exporter) and the SLO recording rules.
 */
import { DEFAULT_INTERVALS } from '@ii/probes';
import {
  BUDGET_REMAINING,
  BURN_RATE,
  OBJECTIVE,
  burnAlertName,
  errorRatio,
} from '../rules/slo-rules.js';
import { PROBE } from '../signals.js';
import { BURN_ALERTS, LOGIN_LATENCY_SECONDS, SLOS } from '../slos.js';
import { type GrafanaDashboard, buildDashboard, labelVariable } from './build-dashboard.js';
import {
  type Query,
  byVariable,
  increaseInRange,
  perMinute,
  rate,
  selector,
  stateTimelinePanel,
  statPanel,
  states,
  tablePanel,
  timeseriesPanel,
} from './panels.js';

const FILTERS = ['target', 'hostname'] as const;
/** A probe series of the selected targets and hostnames. */
const probe = (metric: string, ...matchers: string[]) =>
  selector(metric, ...FILTERS.map(byVariable), ...matchers);
const UP_DOWN = states({ 1: { text: 'UP', color: 'green' }, 0: { text: 'DOWN', color: 'red' } });
const PROBE_LEGEND = '{{target}} {{flow}} {{hostname}}';
/** A login probe runs once a minute: quantiles need windows holding several runs. */
const LOGIN_INTERVAL = `${DEFAULT_INTERVALS.login}s`;
const periods = [...new Set(SLOS.map((s) => s.periodDays))].join(' or ');
const pageFactor = Math.max(...BURN_ALERTS.map((b) => b.factor));
const strictestObjective = Math.max(...SLOS.map((s) => s.objective));
const SLO_LINE = [
  { value: null, color: 'red' },
  { value: strictestObjective, color: 'green' },
];

/** One query per SLO of a recorded series, legended with the SLO's title. */
const perSlo = (record: string, suffix = '', instant = false): Query[] =>
  SLOS.map((slo) => ({
    expr: `${record}{slo="${slo.id}"}`,
    legend: suffix ? `${slo.title} ${suffix}` : slo.title,
    instant,
  }));
const BURN_ALERT_NAMES = SLOS.map(burnAlertName);
const burnAlertsOf = (...ids: string[]) =>
  SLOS.filter((s) => ids.includes(s.id)).map(burnAlertName);

const successRatio = (by: string) =>
  `sum by (${by}) (${rate(probe(PROBE.runs, 'result="success"'))}) / sum by (${by}) (${rate(probe(PROBE.runs))})`;

const loginQuantile = (q: number) =>
  `histogram_quantile(${q}, sum by (target, le) (${rate(probe(`${PROBE.runDuration}_bucket`, 'flow="login"'))}))`;

function build() {
  return buildDashboard({
    uid: HEALTH.uid,
    title: 'Internet Identity / Health',
    description:
      'Can users load the app, log in to a dapp and get delegations right now, on each hostname of each target? And how much of each SLO’s error budget is left?',
    variables: [
      labelVariable(
        'target',
        PROBE.runs,
        'canary (the release under test) or production: the probes run against both.',
      ),
      labelVariable(
        'hostname',
        PROBE.runs,
        'The hostname a probe went through (each of a target’s domains, and the API endpoint).',
        ['target'],
      ),
    ],
    rows: [
      {
        title: 'Now',
        panels: [
          statPanel({
            title: 'Probe status',
            description:
              'The last run of each probe (target, flow, hostname), the worst over the probing locations. DOWN: that flow fails for users on that hostname. Read its reason in "Failures in the time range", then follow the ProbeFailing runbook; DOWN on the canary only means the release under test is bad: roll it back.',
            unit: 'none',
            queries: [
              {
                expr: `min by (target, flow, hostname) (${probe(PROBE.success)})`,
                legend: PROBE_LEGEND,
                instant: true,
              },
            ],
            mappings: UP_DOWN,
            text: 'value_and_name',
            width: 12,
            alerts: ['ProbeFailing'],
            height: 8,
          }),
          statPanel({
            title: 'Consecutive failures',
            description:
              'Runs that failed in a row, per target and flow (the worst hostname). ProbeFailing pages at 2. A count that keeps growing is an outage, not a flake: check the failure reasons and the hostname in "Probe status".',
            unit: 'short',
            queries: [
              {
                expr: `max by (target, flow) (${probe(PROBE.consecutiveFailures)})`,
                legend: '{{target}} {{flow}}',
                instant: true,
              },
            ],
            thresholds: [
              { value: null, color: 'green' },
              { value: 1, color: 'orange' },
              { value: 2, color: 'red' },
            ],
            text: 'value_and_name',
            alerts: ['ProbeFailing'],
            width: 6,
            height: 8,
          }),
          statPanel({
            title: 'Error budget left',
            description: `The share of each production SLO's error budget (over ${periods} days) not yet spent. Below 25 %: slow down releases; below 0: the SLO is missed, freeze releases except fixes. SLOs are measured on production only, so the target and hostname selections do not apply.`,
            unit: 'percentunit',
            queries: perSlo(BUDGET_REMAINING, '', true),
            alerts: BURN_ALERT_NAMES,
            thresholds: [
              { value: null, color: 'red' },
              { value: 0, color: 'orange' },
              { value: 0.25, color: 'green' },
            ],
            text: 'value_and_name',
            decimals: 1,
            width: 6,
            height: 8,
          }),
          statPanel({
            title: 'Last success',
            description:
              'When each flow last succeeded on a selected hostname. Minutes ago for a flow that runs every minute or faster means it is failing now: see "Probe status".',
            unit: 'dateTimeFromNow',
            queries: [
              {
                // Seconds since the epoch; the unit wants milliseconds.
                expr: `max by (target, flow) (${probe(PROBE.lastSuccess)}) * 1000`,
                legend: '{{target}} {{flow}}',
                instant: true,
              },
            ],
            text: 'value_and_name',
            width: 24,
            height: 4,
          }),
        ],
      },
      {
        title: 'Success',
        panels: [
          stateTimelinePanel({
            title: 'Probe results over time',
            description:
              'Each probe’s last result over time (the worst location). Red stretches are failures users saw; one short red slice is a single failed run. Several hostnames red at once point at the canister or the boundary nodes; one hostname alone at its domain, certificate or CDN.',
            unit: 'none',
            queries: [
              {
                expr: `min by (target, flow, hostname) (${probe(PROBE.success)})`,
                legend: PROBE_LEGEND,
              },
            ],
            mappings: UP_DOWN,
            height: 10,
            alerts: ['ProbeFailing'],
          }),
          timeseriesPanel({
            title: 'Success ratio by target and hostname',
            description: `Successful runs over all runs, every flow together. Under the dashed line (${strictestObjective * 100} %, the availability objective) on production, the error budget burns: compare hostnames to find where.`,
            unit: 'percentunit',
            queries: [
              { expr: successRatio('target, hostname'), legend: '{{target}} {{hostname}}' },
            ],
            min: 0,
            max: 1,
            thresholds: SLO_LINE,
            thresholdLines: true,
          }),
          timeseriesPanel({
            title: 'Success ratio by flow',
            description:
              'Successful runs over all runs per flow (page, login, api, register). One flow down while the others succeed narrows the cause: the page (assets, CSP), login (the dapp round trip), api (canister calls), register (captcha, rate limit).',
            unit: 'percentunit',
            queries: [{ expr: successRatio('target, flow'), legend: '{{target}} {{flow}}' }],
            alerts: burnAlertsOf('login-availability', 'page-availability', 'api-availability'),
            min: 0,
            max: 1,
            thresholds: SLO_LINE,
            thresholdLines: true,
          }),
          timeseriesPanel({
            title: 'Failures by reason',
            description:
              'Failed runs per minute by target, flow and reason (csp, timeout, certification, …). A new reason after a release points at the release; tls or network at the hostname or the probe’s own network.',
            unit: 'opm',
            queries: [
              {
                expr: `sum by (target, flow, reason) (${perMinute(probe(PROBE.runs, 'result="failure"'))})`,
                legend: '{{target}} {{flow}} {{reason}}',
              },
            ],
            bars: true,
            noValue: 'no failures',
          }),
          tablePanel({
            title: 'Failures in the time range',
            description:
              'Failed runs in the selected time range per target, flow, hostname and reason, most first. The probe logs (ii-exporter) have the detail of each failure, and failed browser runs keep their trace and screenshots.',
            unit: 'short',
            queries: [
              {
                expr: `sum by (target, flow, hostname, reason) (${increaseInRange(probe(PROBE.runs, 'result="failure"'))}) > 0`,
              },
            ],
            rename: { Value: 'failed runs' },
            sortBy: 'failed runs',
            decimals: 0,
            noValue: 'no failures',
          }),
        ],
      },
      {
        title: 'Latency',
        panels: [
          timeseriesPanel({
            title: 'Login latency p50 / p95',
            description: `How long synthetic logins take, from opening the dapp to its whoami, median and 95th percentile. Above ${LOGIN_LATENCY_SECONDS} s (the dashed line) counts against the login-latency SLO. Slower on both targets: the IC subnet or boundary nodes; on one target only: that release.`,
            unit: 's',
            queries: [
              { expr: loginQuantile(0.5), legend: '{{target}} p50', minInterval: LOGIN_INTERVAL },
              { expr: loginQuantile(0.95), legend: '{{target}} p95', minInterval: LOGIN_INTERVAL },
            ],
            min: 0,
            thresholds: [
              { value: null, color: 'green' },
              { value: LOGIN_LATENCY_SECONDS, color: 'red' },
            ],
            thresholdLines: true,
            alerts: burnAlertsOf('login-latency'),
          }),
          timeseriesPanel({
            title: 'Run duration p95 by flow',
            description:
              '95th percentile of how long probe runs take, per flow (failed runs included: a timeout shows as a long run). A flow slowing down before it fails is the early warning.',
            unit: 's',
            queries: [
              {
                expr: `histogram_quantile(0.95, sum by (target, flow, le) (${rate(probe(`${PROBE.runDuration}_bucket`))}))`,
                legend: '{{target}} {{flow}}',
                minInterval: LOGIN_INTERVAL,
              },
            ],
            min: 0,
          }),
        ],
      },
      {
        title: 'Error budget (production)',
        panels: [
          timeseriesPanel({
            title: 'Burn rate',
            description: `How fast each SLO spends its error budget: at 1 the budget lasts exactly the SLO period; at ${pageFactor} over both the 1 h and 5 m windows the burn-rate alert pages. Above 1 for hours: a ticket alert follows; find the failing flow in "Success ratio by flow".`,
            unit: 'none',
            queries: perSlo(BURN_RATE),
            alerts: BURN_ALERT_NAMES,
            min: 0,
            thresholds: [
              { value: null, color: 'green' },
              { value: 1, color: 'orange' },
              { value: pageFactor, color: 'red' },
            ],
            thresholdLines: true,
            decimals: 2,
          }),
          timeseriesPanel({
            title: 'SLI error ratio (5m and 1h)',
            description:
              'Bad events over all events per SLO, over the 5-minute and 1-hour windows the page alerts use (recorded by Prometheus, so this is what the alerts see). Compare with each SLO’s budget (1 − objective, e.g. 0.1 % for 99.9 %): both windows far above it is a fast burn, as "Burn rate" shows normalised.',
            unit: 'percentunit',
            queries: [...perSlo(errorRatio('5m'), '5m'), ...perSlo(errorRatio('1h'), '1h')],
            alerts: BURN_ALERT_NAMES,
            min: 0,
          }),
          statPanel({
            title: 'Objectives',
            description:
              'Each SLO’s objective (the share of good events it promises over its period), as the recording rules hold it. If one is missing the SLO rules are not loaded: check Prometheus’s rule files.',
            unit: 'percentunit',
            queries: perSlo(OBJECTIVE, '', true),
            text: 'value_and_name',
            decimals: 1,
            width: 24,
            height: 4,
          }),
        ],
      },
    ],
  });
}

export const HEALTH: GrafanaDashboard = { uid: 'ii-health', filters: FILTERS, build };
