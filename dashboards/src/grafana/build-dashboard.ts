/**
 * The frame every dashboard shares: the datasource variable first, multi-value label variables
 * (All by default), rows of panels laid out by the SDK, links to the other Internet Identity
 * dashboards, read-only (the TypeScript source is the source of truth), numbered panel ids.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  type Dashboard,
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  type Panel,
  QueryVariableBuilder,
  RowBuilder,
  type RowPanel,
  type VariableModel,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DATASOURCE, DATASOURCE_VARIABLE, byVariable, selector } from './panels.js';

/** Every dashboard carries it; the dashboards' link menu lists the ones that do. */
export const TAG = 'internet-identity';

export interface GrafanaDashboard {
  /** Fixed, so links and bookmarks survive a regeneration. */
  uid: string;
  /** The label variables the dashboard must have, and every query must filter on. */
  filters: readonly string[];
  build(): Dashboard;
}

export interface Row {
  title: string;
  panels: Array<cog.Builder<Panel>>;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  variables: Array<cog.Builder<VariableModel>>;
  rows: Row[];
}

export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label('Data source')
    .description(
      'The Prometheus that scrapes ii-exporter, the canisters and the Pushgateway and evaluates the SLO rules.',
    )
    .type('prometheus');
}

/**
 * A multi-value variable named after the label it filters (`target`), its values read from
 * `metric`, narrowed by the variables it depends on (hostnames of the selected targets).
 */
export function labelVariable(
  label: string,
  metric: string,
  description: string,
  dependsOn: readonly string[] = [],
): QueryVariableBuilder {
  const from = dependsOn.length ? selector(metric, ...dependsOn.map(byVariable)) : metric;
  const query = `label_values(${from}, ${label})`;
  return (
    new QueryVariableBuilder(label)
      .label(label[0]!.toUpperCase() + label.slice(1))
      .description(description)
      .datasource(DATASOURCE)
      .query(query)
      .definition(query)
      .multi(true)
      .includeAll(true)
      // All as a regex that matches every value: shorter queries than a list of every value.
      .allValue('.*')
      .current({ selected: true, text: ['All'], value: ['$__all'] })
      // Targets and hostnames come and go: read them again when the time range changes.
      .refresh(VariableRefresh.OnTimeRangeChanged)
      .sort(VariableSort.AlphabeticalAsc)
  );
}

export function buildDashboard(spec: DashboardSpec): Dashboard {
  const b = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([TAG])
    .readonly()
    .timezone('browser')
    .time({ from: 'now-6h', to: 'now' })
    .refresh('1m')
    .tooltip(DashboardCursorSync.Crosshair)
    .link(
      new DashboardLinkBuilder('Internet Identity')
        .type(DashboardLinkType.Dashboards)
        .tags([TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true)
        .targetBlank(false)
        .icon('external link')
        .tooltip(''),
    )
    .withVariable(datasourceVariable());
  for (const v of spec.variables) b.withVariable(v);
  for (const row of spec.rows) {
    // An expanded row holds no panels in the JSON: the panels after it, up to the next row, are its.
    b.withRow(new RowBuilder(row.title).collapsed(false));
    for (const p of row.panels) b.withPanel(p);
  }
  const dashboard = b.build();
  // The SDK places every link in the controls menu (newer Grafanas only); where each Grafana
  // version puts it by default is what we want.
  for (const l of dashboard.links ?? []) delete l.placement;
  let id = 1;
  for (const p of dashboard.panels ?? []) {
    p.id = id++;
    for (const inner of p.type === 'row' ? (p as RowPanel).panels : []) inner.id = id++;
    for (const l of (p as Panel).links ?? []) delete l.placement;
  }
  return dashboard;
}
