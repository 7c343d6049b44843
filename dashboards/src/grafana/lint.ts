/**
 * A dashboard linter in the spirit of grafana/dashboard-linter, on the built JSON: identity (uid,
 * title, unique panel ids), the templated datasource, a title, description and unit on every panel,
 * PromQL that scans cleanly, names only metrics something exports or a rule records, windows on
 * `$__rate_interval` or `$__range`, and filters on the dashboard's variables. Grafana itself is
 * not installable here, so this and a live Prometheus are what check the dashboards.
 */
import type { Dashboard, Panel, VariableModel } from '@grafana/grafana-foundation-sdk/dashboard';
import { runbookUrl } from '../runbooks.js';
import { isAlert, type RuleGroup } from '../rules/types.js';
import { CANISTER, HISTOGRAMS, PROBE, RELEASE, SCRAPE } from '../signals.js';
import { DATASOURCE, DATASOURCE_VARIABLE, RANGE, RATE_INTERVAL } from './panels.js';
import { scanPromql } from './promql-scan.js';
import { labelValuesQuery, panelsOf, rawQueries, substituteVariables } from './queries.js';

export interface LintProblem {
  dashboard: string;
  /** Empty for a problem of the dashboard as a whole. */
  panel: string;
  rule: string;
  message: string;
}

/** The series a query may read: what the exporter, ii-deploy and the canister export, and what the rules record. */
export function knownSeries(groups: readonly RuleGroup[]): Set<string> {
  const exported = [PROBE, RELEASE, CANISTER, SCRAPE].flatMap((c) => Object.values(c) as string[]);
  const histograms = new Set(HISTOGRAMS);
  const names = exported
    .filter((n) => !histograms.has(n))
    .concat(HISTOGRAMS.flatMap((h) => ['_bucket', '_count', '_sum'].map((s) => h + s)));
  for (const g of groups) for (const r of g.rules) if (!isAlert(r)) names.push(r.record);
  return new Set(names);
}

/** Functions whose range window Grafana should size: counters and gauges read over time. */
const WINDOWED = new Set(['rate', 'increase', 'irate', 'deriv', 'delta', 'idelta']);
const WINDOWS = new Set([RATE_INTERVAL, RANGE]);

/**
 * Why an expression does not scan cleanly: unbalanced brackets or an unclosed string. The scanner
 * itself never rejects, so this is the check that a query is whole.
 */
export function scanProblems(expr: string): string[] {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      for (; j < expr.length && expr[j] !== c; j++) if (expr[j] === '\\' && c !== '`') j++;
      if (j >= expr.length) return [`unclosed string from column ${i + 1}`];
      i = j;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push(c);
    } else if (c in pairs) {
      if (stack.pop() !== pairs[c]) return [`unbalanced '${c}' at column ${i + 1}`];
    }
  }
  return stack.length ? [`unclosed '${stack[stack.length - 1]}'`] : [];
}

export interface LintOptions {
  /** Recording rules and alerts: recorded series are readable, alerts are linked by runbook. */
  rules: readonly RuleGroup[];
  /** Labels every selector of an exported series must match on (the dashboard's filters). */
  filters?: readonly string[];
}

const isDatasourceVariable = (ds: unknown) =>
  typeof ds === 'object' &&
  ds !== null &&
  (ds as { uid?: string }).uid === DATASOURCE.uid &&
  (ds as { type?: string }).type === DATASOURCE.type;

export function lintDashboard(d: Dashboard, options: LintOptions): LintProblem[] {
  const problems: LintProblem[] = [];
  const dashboard = d.uid ?? '';
  const report = (panel: string, rule: string, message: string) =>
    problems.push({ dashboard, panel, rule, message });

  if (!d.uid) report('', 'uid', 'the dashboard has no uid');
  if (!d.title) report('', 'title', 'the dashboard has no title');

  const known = knownSeries(options.rules);
  const variables: VariableModel[] = d.templating?.list ?? [];
  const dsVariable = variables.find((v) => v.name === DATASOURCE_VARIABLE);
  if (!dsVariable || dsVariable.type !== 'datasource' || dsVariable.query !== 'prometheus')
    report('', 'datasource-variable', `no Prometheus datasource variable $${DATASOURCE_VARIABLE}`);
  for (const v of variables.filter((v) => v.type === 'query')) {
    if (!isDatasourceVariable(v.datasource))
      report(
        '',
        'templated-datasource',
        `variable $${v.name} does not read $${DATASOURCE_VARIABLE}`,
      );
    let expr = '';
    try {
      expr = labelValuesQuery(String(v.query));
    } catch (e) {
      report('', 'variable-query', (e as Error).message);
    }
    for (const s of scanPromql(expr).selectors)
      if (!known.has(s.metric))
        report('', 'variable-query', `$${v.name} reads ${s.metric}, neither exported nor recorded`);
  }

  // Rows count: Grafana keys panels, rows included, by id.
  const ids = new Map<number, number>();
  const allPanels: Array<{ id?: number }> = [...(d.panels ?? []), ...panelsOf(d)];
  for (const p of new Set(allPanels))
    if (p.id === undefined) report('', 'panel-id', 'a panel has no id');
    else ids.set(p.id, (ids.get(p.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) report('', 'panel-id', `panel id ${id} is used ${n} times`);

  // Grafana's grid is 24 columns wide; overlapping panels are pushed around unpredictably.
  const boxes = [...new Set(allPanels)].flatMap((p) => {
    const g = (p as Panel).gridPos;
    return g ? [{ title: (p as Panel).title ?? '', ...g }] : [];
  });
  boxes.forEach((a, i) => {
    if (a.x < 0 || a.x + a.w > 24) report(a.title, 'layout', `spans columns ${a.x}–${a.x + a.w}`);
    for (const b of boxes.slice(i + 1))
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        report(a.title, 'layout', `overlaps ${b.title}`);
  });

  const titles = new Set<string>();
  for (const p of panelsOf(d)) {
    const title = p.title ?? '';
    if (!title) report('', 'panel-title', `panel ${p.id} has no title`);
    if (titles.has(title)) report(title, 'panel-title', 'two panels have this title');
    titles.add(title);
    if (!p.description?.trim()) report(title, 'panel-description', 'no description');
    if (!p.fieldConfig?.defaults?.unit) report(title, 'panel-units', 'no unit');
    if (!isDatasourceVariable(p.datasource))
      report(title, 'templated-datasource', `the panel does not read $${DATASOURCE_VARIABLE}`);
    for (const t of (p.targets ?? []) as Array<{ datasource?: unknown; refId?: string }>)
      if (!isDatasourceVariable(t.datasource))
        report(
          title,
          'templated-datasource',
          `query ${t.refId} does not read $${DATASOURCE_VARIABLE}`,
        );
    if (!p.targets?.length) report(title, 'panel-queries', 'no query');
  }

  const used = new Set<string>();
  for (const { panel, expr, minInterval } of rawQueries(d)) {
    const title = panel.title ?? '';
    for (const m of scanProblems(expr)) report(title, 'promql-scan', `${m}: ${expr}`);
    try {
      substituteVariables(expr, { minInterval });
    } catch (e) {
      report(title, 'promql-variables', (e as Error).message);
    }
    const scan = scanPromql(expr);
    if (!scan.selectors.length) report(title, 'promql-series', `reads no series: ${expr}`);
    for (const s of scan.selectors) {
      if (!known.has(s.metric))
        report(title, 'promql-series', `${s.metric || '{…}'} is neither exported nor recorded`);
      for (const m of s.matchers) for (const v of m.value.matchAll(/\$(\w+)/g)) used.add(v[1]!);
      // Recorded SLO series and Prometheus's `up` carry no target label of their own choosing.
      const exported = known.has(s.metric) && !s.metric.includes(':') && s.metric !== SCRAPE.up;
      for (const label of exported ? (options.filters ?? []) : [])
        if (!s.matchers.some((m) => m.label === label))
          report(title, 'promql-filter', `${s.metric} does not filter on ${label}`);
    }
    for (const r of scan.ranges)
      if (WINDOWED.has(r.fn) && !WINDOWS.has(r.window))
        report(
          title,
          'rate-interval',
          `${r.fn}() over [${r.window}], not ${RATE_INTERVAL} or ${RANGE}`,
        );
  }
  for (const v of variables)
    if (v.type === 'query' && !used.has(v.name))
      report('', 'variable-used', `no query filters on $${v.name}`);
  return problems;
}

/** The runbook links of the panels: alert → the panels that link it. */
function linkedRunbooks(dashboards: readonly Dashboard[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of dashboards)
    for (const p of panelsOf(d) as Panel[])
      for (const l of p.links ?? [])
        if (l.url) out.set(l.url, [...(out.get(l.url) ?? []), `${d.uid}: ${p.title}`]);
  return out;
}

/**
 * Alerts no panel links to (an on-call engineer opening the dashboard from the alert would find
 * nothing that shows it), and runbook links that name no alert.
 */
export function alertCoverage(
  dashboards: readonly Dashboard[],
  rules: readonly RuleGroup[],
): { unlinked: string[]; deadLinks: string[] } {
  const links = linkedRunbooks(dashboards);
  const alerts = [...new Set(rules.flatMap((g) => g.rules.filter(isAlert).map((r) => r.alert)))];
  const urls = new Set(alerts.map(runbookUrl));
  return {
    unlinked: alerts.filter((a) => !links.has(runbookUrl(a))),
    deadLinks: [...links.keys()].filter((u) => !urls.has(u)),
  };
}
