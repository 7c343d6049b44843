/**
 * Every panel query of a dashboard, made evaluable by a plain Prometheus: Grafana replaces its
 * variables before sending a query, so a test that sends them itself must do the same.
 */
import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import { scanPromql } from './promql-scan.js';

export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
  /** The series names it reads: a query may rightly return nothing (no failures), its series must exist. */
  metrics: string[];
}

/** The values a query is evaluated with: Grafana's on a one-hour range at a one-minute step. */
export const EVALUATION_DEFAULTS = { interval: '1m', rateInterval: '1m', range: '1h' } as const;

export interface SubstituteOptions {
  /**
   * The query's min interval (`interval` of the target or panel) when it has one: Grafana uses it
   * in place of the datasource's scrape interval, so `$__rate_interval` spans four of them.
   */
  minInterval?: string;
}

const DURATION = /^(\d+)(ms|s|m|h|d|w|y)$/;
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

export function durationMs(d: string): number {
  const m = DURATION.exec(d);
  if (!m) throw new RangeError(`not a duration: ${d}`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** A duration Prometheus accepts, in the largest unit that divides it (120000 → `2m`). */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const)
    if (ms % UNIT_MS[unit]! === 0) return `${ms / UNIT_MS[unit]!}${unit}`;
  return `${ms}ms`;
}

/** `$name` and `${name}` (with an optional `:format`), never `$1` (label_replace's group). */
const variable = (name: string) => new RegExp(`\\$(?:${name}\\b|\\{${name}(?::\\w+)?\\})`, 'g');
const ANY_VARIABLE = /\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*(?::\w+)?\})/g;
/** A regex matcher's quoted value: the only place a multi-value variable may stand. */
const REGEX_MATCHER = /(=~|!~)(\s*)"((?:[^"\\]|\\.)*)"/g;

/**
 * Replaces Grafana's variables the way Grafana would for a one-hour range and a one-minute
 * interval: `$__rate_interval` → `1m` (four min intervals when the query has a longer one),
 * `$__interval` → `1m` (or the min interval), `$__range` → `1h`, and a template variable inside a
 * regex matcher (`target=~"$target"`) → `.*`, i.e. All. Throws on any other variable: such a
 * query could not be evaluated as written.
 */
export function substituteVariables(expr: string, options: SubstituteOptions = {}): string {
  const minMs = options.minInterval ? durationMs(options.minInterval) : 0;
  const intervalMs = Math.max(durationMs(EVALUATION_DEFAULTS.interval), minMs);
  const rateMs = Math.max(durationMs(EVALUATION_DEFAULTS.rateInterval), 4 * minMs);
  const out = expr
    .replace(variable('__rate_interval'), formatDuration(rateMs))
    .replace(variable('__interval'), formatDuration(intervalMs))
    .replace(variable('__range'), EVALUATION_DEFAULTS.range)
    .replace(
      REGEX_MATCHER,
      (_m, op: string, space: string, value: string) =>
        `${op}${space}"${value.replace(ANY_VARIABLE, '.*')}"`,
    );
  const left = out.match(ANY_VARIABLE);
  if (left) throw new RangeError(`cannot substitute ${left.join(', ')} in ${expr}`);
  return out;
}

/** Top-level panels and those inside rows, rows themselves left out. */
export function panelsOf(d: Dashboard): Panel[] {
  const out: Panel[] = [];
  for (const p of d.panels ?? []) {
    if (p.type === 'row') out.push(...(p as RowPanel).panels);
    else out.push(p as Panel);
  }
  return out;
}

interface PromTarget {
  expr?: string;
  interval?: string;
  hide?: boolean;
}

/** Every visible PromQL target of the dashboard, as written (variables still in). */
export function rawQueries(
  d: Dashboard,
): Array<{ panel: Panel; expr: string; minInterval?: string }> {
  return panelsOf(d).flatMap((panel) =>
    ((panel.targets ?? []) as PromTarget[])
      .filter((t) => typeof t.expr === 'string' && !t.hide)
      .map((t) => ({
        panel,
        expr: t.expr!,
        minInterval: t.interval || panel.interval || undefined,
      })),
  );
}

const LABEL_VALUES = /^label_values\((.+),\s*([A-Za-z_]\w*)\)$/s;

/**
 * A query variable's `label_values(selector, label)` as the PromQL that returns the same label
 * values (Grafana asks the series API instead), so its series can be checked like a panel's.
 */
export function labelValuesQuery(query: string): string {
  const m = LABEL_VALUES.exec(query.trim());
  if (!m) throw new RangeError(`not label_values(selector, label): ${query}`);
  return `count by (${m[2]}) (${m[1]!.trim()})`;
}

/** The query variables' values as PromQL (panel `$name`), variables substituted. */
export function variableQueries(d: Dashboard): PanelQuery[] {
  return (d.templating?.list ?? [])
    .filter((v) => v.type === 'query' && typeof v.query === 'string')
    .map((v) => {
      const expr = labelValuesQuery(v.query as string);
      return {
        dashboard: d.uid ?? '',
        panel: `$${v.name}`,
        expr: substituteVariables(expr),
        metrics: [...new Set(scanPromql(expr).selectors.map((s) => s.metric))],
      };
    });
}

export function panelQueries(d: Dashboard): PanelQuery[] {
  return rawQueries(d).map((q) => ({
    dashboard: d.uid ?? '',
    panel: q.panel.title ?? '',
    expr: substituteVariables(q.expr, { minInterval: q.minInterval }),
    metrics: [...new Set(scanPromql(q.expr).selectors.map((s) => s.metric))],
  }));
}
