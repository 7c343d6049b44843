/**
 * Usage: how many anchors there are and how much users do with them (registrations, delegations,
 * anchor operations), from the canister's own /metrics. Active anchors wait for the canister to
 * export them (signals.ts names them already).
 */
import { SCRAPE_INTERVALS } from '../config/prometheus-config.js';
import { CANISTER } from '../signals.js';
import { type GrafanaDashboard, buildDashboard, labelVariable } from './build-dashboard.js';
import {
  type Query,
  byVariable,
  deltaInRange,
  growthPerMinute,
  increaseInRange,
  perMinute,
  selector,
  statPanel,
  timeseriesPanel,
} from './panels.js';

const FILTERS = ['target'] as const;
const of = (metric: string) => selector(metric, byVariable('target'));
/** The canister is scraped every 30 s: no finer steps, rate windows of four scrapes. */
const canister = (expr: string, legend = '{{target}}', instant = false): Query => ({
  expr,
  legend,
  instant,
  minInterval: SCRAPE_INTERVALS.canister,
});
/** The counters restart at 0 on every upgrade; rate() and increase() take a drop as a reset. */
const RESETS =
  'The canister counts since its last upgrade, so the count drops to 0 on each upgrade; rate() treats the drop as a counter reset, so upgrades do not show as negative dips.';

function build() {
  return buildDashboard({
    uid: USAGE.uid,
    title: 'Internet Identity / Usage',
    description:
      'Anchors, registrations, delegations and anchor operations per target, from the canister’s /metrics.',
    variables: [
      labelVariable(
        'target',
        CANISTER.userCount,
        'canary or production: each canister’s own metrics (the canary is a clone with its own users).',
      ),
    ],
    rows: [
      {
        title: 'Anchors',
        panels: [
          statPanel({
            title: 'Anchors',
            description:
              'Anchors (identities) registered in each target’s canister. It only grows; a drop means the canister was reinstalled or its metrics come from another canister: check "Canister" and the canister id.',
            unit: 'short',
            queries: [canister(`sum by (target) (${of(CANISTER.userCount)})`)],
            text: 'value_and_name',
            sparkline: true,
          }),
          statPanel({
            title: 'Registrations in the time range',
            description:
              'New anchors registered in the selected time range (the growth of the anchor count). Zero over hours on production is unusual: check the rate-limit tokens and captcha challenges on "Canister" and the register flow on Health.',
            unit: 'short',
            queries: [
              canister(
                `sum by (target) (${deltaInRange(of(CANISTER.userCount))})`,
                '{{target}}',
                true,
              ),
            ],
            text: 'value_and_name',
            decimals: 0,
          }),
          timeseriesPanel({
            title: 'Anchors over time',
            description:
              'Anchors registered over time; the slope is the registration rate. A drop means the canister was reinstalled or the series comes from another canister: check the canister id on "Canister".',
            unit: 'short',
            queries: [canister(`sum by (target) (${of(CANISTER.userCount)})`)],
          }),
        ],
      },
      {
        title: 'Activity',
        panels: [
          timeseriesPanel({
            title: 'Registrations per minute',
            description:
              'New anchors per minute (how fast the anchor count grows). Registrations stopping while users are active: the register rate limit (tokens at 0) or captcha; see "Canister".',
            unit: 'opm',
            queries: [canister(`sum by (target) (${growthPerMinute(of(CANISTER.userCount))})`)],
            min: 0,
            alerts: ['RegisterRateLimitExhausted'],
          }),
          timeseriesPanel({
            title: 'Registrations per minute, by API',
            description: `Anchors registered per minute through the v1 \`register\` and the v2 \`identity_register\` methods. ${RESETS} This project's frontend registers through v1; v2 counts clients of the v2 API.`,
            unit: 'opm',
            queries: [
              canister(
                `sum by (target, api) (${perMinute(of(CANISTER.registrations))})`,
                '{{target}} {{api}}',
              ),
            ],
            min: 0,
          }),
          timeseriesPanel({
            title: 'Delegations per minute',
            description: `Delegations (dapp sign-ins) the canister prepared, per minute. ${RESETS} A drop to zero with users active means logins fail at the delegation step: check Health’s login flow.`,
            unit: 'opm',
            queries: [canister(`sum by (target) (${perMinute(of(CANISTER.delegations))})`)],
            min: 0,
          }),
          timeseriesPanel({
            title: 'Anchor operations per minute',
            description: `Changes to anchors (devices added or removed, metadata updated), per minute. ${RESETS} A spike with no matching rise in active anchors can be abuse: look at the registration rate limit.`,
            unit: 'opm',
            queries: [canister(`sum by (target) (${perMinute(of(CANISTER.anchorOperations))})`)],
            min: 0,
          }),
          timeseriesPanel({
            title: 'Anchors in device registration mode',
            description:
              'Anchors with device registration mode enabled (a user adding a device from another browser). It should return to near zero; a steady climb means the mode is not expiring.',
            unit: 'short',
            queries: [canister(`sum by (target) (${of(CANISTER.usersInRegistrationMode)})`)],
            min: 0,
          }),
          statPanel({
            title: 'Delegations in the time range',
            description: `Delegations prepared in the selected time range. ${RESETS}`,
            unit: 'short',
            queries: [
              canister(
                `sum by (target) (${increaseInRange(of(CANISTER.delegations))})`,
                '{{target}}',
                true,
              ),
            ],
            text: 'value_and_name',
            decimals: 0,
            width: 12,
          }),
          statPanel({
            title: 'Anchor operations in the time range',
            description: `Anchor operations in the selected time range. ${RESETS}`,
            unit: 'short',
            queries: [
              canister(
                `sum by (target) (${increaseInRange(of(CANISTER.anchorOperations))})`,
                '{{target}}',
                true,
              ),
            ],
            text: 'value_and_name',
            decimals: 0,
            width: 12,
          }),
        ],
      },
    ],
  });
}

export const USAGE: GrafanaDashboard = { uid: 'ii-usage', filters: FILTERS, build };
