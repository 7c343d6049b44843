/**
 * The service level objectives, declared once; recording rules, burn-rate alerts (the SRE
 * workbook's multiwindow, multi-burn-rate alerts, as Sloth and Pyrra generate them) and the
 * error-budget panels all come from this list.
 */
import { PROBE } from './signals.js';

export interface Slo {
  /** kebab-case id: the `slo` label of its recorded series. */
  id: string;
  /** PascalCase: the prefix of its alert names. */
  name: string;
  /** For people: alert summaries and panel titles. */
  title: string;
  description: string;
  objective: number;
  /** The SLO period, in days (error budget remaining is over it). */
  periodDays: number;
  /** PromQL for the rate of bad events over `[$window]` and of all events. */
  errors: (window: string) => string;
  total: (window: string) => string;
}

const runs =
  (flow: string, extra = '') =>
  (w: string) =>
    `sum(rate(${PROBE.runs}{target="production",flow="${flow}"${extra}}[${w}]))`;

export const SLOS: readonly Slo[] = [
  {
    id: 'login-availability',
    name: 'LoginAvailability',
    title: 'Login availability',
    description:
      'Synthetic logins to a dapp through Internet Identity on production hostnames succeed.',
    objective: 0.999,
    periodDays: 30,
    errors: runs('login', ',result="failure"'),
    total: runs('login'),
  },
  {
    id: 'page-availability',
    name: 'PageAvailability',
    title: 'Page availability',
    description:
      'The app loads on production hostnames, verified and without CSP violations or errors.',
    objective: 0.999,
    periodDays: 30,
    errors: runs('page', ',result="failure"'),
    total: runs('page'),
  },
  {
    id: 'api-availability',
    name: 'ApiAvailability',
    title: 'API availability',
    description: 'The canister answers: stats, credentials, and a delegation the IC accepts.',
    objective: 0.999,
    periodDays: 30,
    errors: runs('api', ',result="failure"'),
    total: runs('api'),
  },
  {
    id: 'login-latency',
    name: 'LoginLatency',
    title: 'Login latency',
    description: 'Synthetic logins take less than 10 seconds (from opening the dapp to whoami).',
    objective: 0.99,
    periodDays: 30,
    errors: (w) =>
      `(sum(rate(${PROBE.runDuration}_count{target="production",flow="login"}[${w}])) - sum(rate(${PROBE.runDuration}_bucket{target="production",flow="login",le="10"}[${w}])))`,
    total: (w) => `sum(rate(${PROBE.runDuration}_count{target="production",flow="login"}[${w}]))`,
  },
];

/** The workbook's windows: page on fast burns, ticket on slow ones (both windows must burn). */
export const BURN_ALERTS = [
  { severity: 'page', long: '1h', short: '5m', factor: 14.4 },
  { severity: 'page', long: '6h', short: '30m', factor: 6 },
  { severity: 'ticket', long: '1d', short: '2h', factor: 3 },
  { severity: 'ticket', long: '3d', short: '6h', factor: 1 },
] as const;

export const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
