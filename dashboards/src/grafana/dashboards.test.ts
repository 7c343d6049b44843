import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SCRAPE_INTERVALS } from '../config/prometheus-config.js';
import { ruleGroups } from '../rules/index.js';
import { CANISTER_COMING, PROBE } from '../signals.js';
import { buildDashboard } from './build-dashboard.js';
import { GRAFANA_DASHBOARDS, dashboardQueries, dashboards, grafanaFiles } from './index.js';
import { alertCoverage, knownSeries, lintDashboard, scanProblems } from './lint.js';
import { DATASOURCE, timeseriesPanel } from './panels.js';
import { scanPromql } from './promql-scan.js';
import { DASHBOARDS_PATH, DATASOURCE_UID } from './provisioning.js';
import { labelValuesQuery, panelsOf } from './queries.js';

const rules = ruleGroups();
const built = dashboards();

describe('the Grafana dashboards', () => {
  it('are Health, Releases, Usage and Canister, each with a fixed uid and a title', () => {
    expect(built.map((d) => [d.uid, d.title])).toEqual([
      ['ii-health', 'Internet Identity / Health'],
      ['ii-releases', 'Internet Identity / Releases'],
      ['ii-usage', 'Internet Identity / Usage'],
      ['ii-canister', 'Internet Identity / Canister'],
    ]);
  });

  it.each(GRAFANA_DASHBOARDS.map((d) => [d.uid, d] as const))('%s passes the linter', (_, d) => {
    expect(lintDashboard(d.build(), { rules, filters: d.filters })).toEqual([]);
  });

  it.each(GRAFANA_DASHBOARDS.map((d) => [d.uid, d] as const))(
    '%s has a variable per filter, and the datasource variable first',
    (_, d) => {
      const names = (d.build().templating?.list ?? []).map((v) => v.name);
      expect(names).toEqual(['datasource', ...d.filters]);
    },
  );

  it('number panels uniquely across rows and their panels', () => {
    for (const d of built) {
      const ids = (d.panels ?? []).map((p) => p.id);
      expect(new Set(ids).size, d.uid).toBe(ids.length);
      expect(ids, d.uid).toEqual(ids.map((_, i) => i + 1));
    }
  });

  it('survive a JSON round trip unchanged (no functions, undefined or cycles in the model)', () => {
    for (const d of built) expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it("show the probes' success per target and hostname and login latency p50/p95 from the histogram", () => {
    const health = built.find((d) => d.uid === 'ii-health')!;
    const exprs = panelsOf(health).flatMap((p) =>
      ((p.targets ?? []) as unknown as Array<{ expr: string }>).map((t) => t.expr),
    );
    expect(exprs.some((e) => /sum by \(target, hostname\)/.test(e))).toBe(true);
    for (const q of [0.5, 0.95])
      expect(
        exprs.some(
          (e) =>
            e.startsWith(`histogram_quantile(${q},`) && e.includes(`${PROBE.runDuration}_bucket`),
        ),
      ).toBe(true);
  });

  it('link every alert from a panel that shows what it watches, and only real alerts', () => {
    expect(alertCoverage(built, rules)).toEqual({ unlinked: [], deadLinks: [] });
  });

  it('read no metric the canister does not export yet', () => {
    const coming = new Set<string>(Object.values(CANISTER_COMING));
    const read = dashboardQueries().flatMap((q) =>
      scanPromql(q.expr).selectors.map((s) => s.metric),
    );
    expect(read.filter((m) => coming.has(m))).toEqual([]);
  });
});

describe('dashboardQueries', () => {
  const queries = dashboardQueries();

  it('lists every panel query, Grafana variables replaced so a plain Prometheus can evaluate it', () => {
    const targets = built.flatMap((d) => panelsOf(d).flatMap((p) => p.targets ?? []));
    const variables = built
      .flatMap((d) => d.templating?.list ?? [])
      .filter((v) => v.type === 'query');
    expect(queries).toHaveLength(targets.length + variables.length);
    for (const q of queries) {
      // label_replace's "$1" is a group reference, not a variable.
      expect(q.expr.replaceAll('"$1"', ''), `${q.dashboard} / ${q.panel}`).not.toContain('$');
      expect(scanProblems(q.expr), q.expr).toEqual([]);
    }
  });

  it('reads only series the exporter, ii-deploy or the canister export, or a rule records', () => {
    const known = knownSeries(rules);
    const unknown = queries.flatMap((q) => q.metrics.filter((m) => !known.has(m)));
    expect(unknown).toEqual([]);
    expect(queries.every((q) => q.metrics.length > 0)).toBe(true);
  });

  it("turns each variable's label_values into PromQL that returns the same values", () => {
    expect(queries.filter((q) => q.panel === '$hostname')).toEqual([
      {
        dashboard: 'ii-health',
        panel: '$hostname',
        expr: `count by (hostname) (${PROBE.runs}{target=~".*"})`,
        metrics: [PROBE.runs],
      },
    ]);
    expect(() => labelValuesQuery('label_names()')).toThrow(/label_values/);
  });

  it('sizes rate windows as Grafana would: four scrapes of the slowest source', () => {
    const usage = queries.filter((q) => q.dashboard === 'ii-usage' && q.expr.includes('rate('));
    expect(usage.length).toBeGreaterThan(0);
    for (const q of usage) expect(q.expr).toContain('[2m]');
  });
});

describe('the linter', () => {
  const lint = (d: Dashboard, filters: string[] = []) =>
    lintDashboard(d, { rules, filters }).map((p) => `${p.rule}: ${p.panel}`);
  const dashboardWith = (expr: string, over: Partial<Parameters<typeof timeseriesPanel>[0]> = {}) =>
    buildDashboard({
      uid: 'test',
      title: 'Test',
      description: 'test',
      variables: [],
      rows: [
        {
          title: 'r',
          panels: [
            timeseriesPanel({
              title: 'p',
              description: 'd',
              unit: 's',
              queries: [{ expr }],
              ...over,
            }),
          ],
        },
      ],
    });

  it('passes a clean panel', () => {
    expect(lint(dashboardWith(`rate(${PROBE.runs}[$__rate_interval])`))).toEqual([]);
  });

  it('flags an unknown metric, a bare histogram, a fixed rate window and unbalanced PromQL', () => {
    expect(lint(dashboardWith('rate(nothing_exports_this[$__rate_interval])'))).toEqual([
      'promql-series: p',
    ]);
    expect(lint(dashboardWith(`rate(${PROBE.runDuration}[$__rate_interval])`))).toEqual([
      'promql-series: p',
    ]);
    expect(lint(dashboardWith(`rate(${PROBE.runs}[5m])`))).toEqual(['rate-interval: p']);
    expect(lint(dashboardWith(`sum(rate(${PROBE.runs}[$__rate_interval])`))).toEqual([
      'promql-scan: p',
    ]);
  });

  it('flags a missing description, a missing filter and a non-templated datasource', () => {
    expect(lint(dashboardWith(`${PROBE.success}`, { description: ' ' }))).toEqual([
      'panel-description: p',
    ]);
    expect(lint(dashboardWith(`${PROBE.success}`), ['target'])).toEqual(['promql-filter: p']);
    const d = dashboardWith(`${PROBE.success}`);
    panelsOf(d)[0]!.datasource = { type: 'prometheus', uid: 'some-uid' };
    expect(lint(d)).toEqual(['templated-datasource: p']);
  });

  it('flags a variable reading an unknown metric', () => {
    const d = dashboardWith(`${PROBE.success}{flow=~"$flow"}`);
    d.templating!.list!.push({
      type: 'query',
      name: 'flow',
      datasource: DATASOURCE,
      query: 'label_values(nothing_exports_this, flow)',
    } as never);
    expect(lint(d)).toEqual(['variable-query: ']);
  });

  it('flags duplicate panel ids and an unused variable', () => {
    const d = dashboardWith(`${PROBE.success}`);
    d.panels![1]!.id = 1;
    d.templating!.list!.push({
      type: 'query',
      name: 'flow',
      datasource: DATASOURCE,
      query: `label_values(${PROBE.success}, flow)`,
    } as never);
    expect(lint(d)).toEqual(['panel-id: ', 'variable-used: ']);
  });

  it('flags a panel past the grid and panels that overlap', () => {
    const d = dashboardWith(`${PROBE.success}`);
    const panel = panelsOf(d)[0]!;
    panel.gridPos = { x: 12, y: 1, w: 24, h: 8 };
    expect(lint(d)).toEqual(['layout: p']);
    panel.gridPos = { x: 0, y: 0, w: 12, h: 8 };
    expect(lint(d)).toEqual(['layout: r']);
  });

  it('finds an alert no panel links to', () => {
    const [first, ...rest] = built;
    const withoutHealth = rest.concat({ ...first!, panels: [] });
    expect(alertCoverage(withoutHealth, rules).unlinked).toContain('ProbeFailing');
  });
});

describe('grafanaFiles', () => {
  const files = grafanaFiles();

  it('writes each dashboard as JSON and the two provisioning files', () => {
    expect(Object.keys(files).sort()).toEqual([
      'dashboards/ii-canister.json',
      'dashboards/ii-health.json',
      'dashboards/ii-releases.json',
      'dashboards/ii-usage.json',
      'provisioning/dashboards/internet-identity.yaml',
      'provisioning/datasources/internet-identity.yaml',
    ]);
    for (const d of built) expect(JSON.parse(files[`dashboards/${d.uid}.json`]!)).toEqual(d);
  });

  it("provisions Prometheus with the global scrape interval and loads the dashboards' folder", () => {
    const ds = parse(files['provisioning/datasources/internet-identity.yaml']!);
    expect(ds.datasources).toMatchObject([
      {
        uid: DATASOURCE_UID,
        type: 'prometheus',
        jsonData: { timeInterval: SCRAPE_INTERVALS.global },
      },
    ]);
    const provider = parse(files['provisioning/dashboards/internet-identity.yaml']!);
    expect(provider.providers).toMatchObject([
      { type: 'file', options: { path: DASHBOARDS_PATH } },
    ]);
  });
});
