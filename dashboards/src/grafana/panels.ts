/**
 * What every dashboard panel shares: the datasource variable, PromQL helpers that filter on the
 * template variables and window on `$__rate_interval`, and panel builders whose spec requires a
 * description and a unit (the linter checks the built JSON; the types make forgetting one a
 * compile error).
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardLinkBuilder,
  DashboardLinkType,
  type DataSourceRef,
  type DashboardLink,
  type DataTransformerConfig,
  MappingType,
  type Panel,
  type Threshold,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type * as units from '@grafana/grafana-foundation-sdk/units';
import { runbookUrl } from '../runbooks.js';

export const DATASOURCE_VARIABLE = 'datasource';
/** The datasource every panel, target and query variable reads: the one the viewer picked. */
export const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };

/**
 * Grafana's window for rate(): at least four scrape intervals and one step, so a zoomed-out panel
 * never skips samples and a zoomed-in one never has too few.
 */
export const RATE_INTERVAL = '$__rate_interval';
/** The dashboard's time range: for totals "in the time range". */
export const RANGE = '$__range';

/** One of Grafana's unit ids (the SDK lists them all). */
export type Unit = Extract<(typeof units)[keyof typeof units], string>;

/** `label=~"$label"`: a multi-value template variable named after the label it filters. */
export const byVariable = (label: string) => `${label}=~"$${label}"`;
export const selector = (metric: string, ...matchers: string[]) =>
  `${metric}{${matchers.join(',')}}`;
export const rate = (sel: string) => `rate(${sel}[${RATE_INTERVAL}])`;
export const increase = (sel: string) => `increase(${sel}[${RATE_INTERVAL}])`;
/** Bad or total events per minute: per second reads badly when runs are a minute apart. */
export const perMinute = (sel: string) => `${rate(sel)} * 60`;
export const increaseInRange = (sel: string) => `increase(${sel}[${RANGE}])`;
/** For gauges that only grow (the anchor count): no counter-reset handling wanted. */
export const deltaInRange = (sel: string) => `delta(${sel}[${RANGE}])`;
export const growthPerMinute = (sel: string) => `deriv(${sel}[${RATE_INTERVAL}]) * 60`;

export interface Query {
  expr: string;
  /** Legend template (`{{target}}`); Grafana's automatic legend when absent. */
  legend?: string;
  /** One value per series at the range's end (stats, tables) instead of a series over time. */
  instant?: boolean;
  /**
   * How far apart the series' samples are when that is longer than the datasource's scrape
   * interval (the canister is scraped every 30 s, a login probe runs every minute): Grafana then
   * steps no finer and `$__rate_interval` spans four of these.
   */
  minInterval?: string;
}

export interface PanelSpec {
  title: string;
  /** What the panel shows and what to do when it looks wrong. */
  description: string;
  unit: Unit;
  queries: Query[];
  /** Grid columns out of 24. */
  width?: number;
  height?: number;
  /** Absolute steps, the first with value null (the base color). */
  thresholds?: Threshold[];
  mappings?: ValueMapping[];
  min?: number;
  max?: number;
  decimals?: number;
  /** Shown instead of "No data" (e.g. "none" for a failure count with no failure series). */
  noValue?: string;
  /** Alerts on what the panel shows: the panel links each one's runbook. */
  alerts?: readonly string[];
}

/** Thresholds for panels whose values are not good or bad in themselves. */
const NEUTRAL: Threshold[] = [{ value: null, color: 'green' }];

/** Value → text and color, for states such as 1 = UP, 0 = DOWN. */
export function states(byValue: Record<number, { text: string; color: string }>): ValueMapping[] {
  return [
    {
      type: MappingType.ValueToText,
      options: Object.fromEntries(
        Object.entries(byValue).map(([value, result], index) => [value, { ...result, index }]),
      ),
    },
  ];
}

/** The methods every SDK panel builder has under the same names. */
interface AnyPanelBuilder<B> extends cog.Builder<Panel> {
  title(title: string): B;
  description(description: string): B;
  unit(unit: string): B;
  datasource(datasource: DataSourceRef): B;
  span(w: number): B;
  height(h: number): B;
  withTarget(target: cog.Builder<cog.Dataquery>): B;
  thresholds(thresholds: cog.Builder<{ mode: ThresholdsMode; steps: Threshold[] }>): B;
  mappings(mappings: ValueMapping[]): B;
  min(min: number): B;
  max(max: number): B;
  decimals(decimals: number): B;
  noValue(noValue: string): B;
  links(links: Array<cog.Builder<DashboardLink>>): B;
}

/** Opens the alert's runbook from the panel's link menu. */
export function runbookLink(alert: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(`Runbook: ${alert}`)
    .type(DashboardLinkType.Link)
    .url(runbookUrl(alert))
    .targetBlank(true)
    .tooltip(`What to do when ${alert} fires`)
    .icon('doc')
    .tags([])
    .asDropdown(false)
    .includeVars(false)
    .keepTime(false);
}

function target(q: Query, index: number, format?: PromQueryFormat): DataqueryBuilder {
  const t = new DataqueryBuilder()
    .datasource(DATASOURCE)
    .refId(String.fromCharCode(65 + index))
    .expr(q.expr)
    .legendFormat(q.legend ?? '__auto');
  if (q.instant) t.instant();
  else t.range();
  if (format) t.format(format);
  if (q.minInterval) t.interval(q.minInterval);
  return t;
}

function configure<B extends AnyPanelBuilder<B>>(
  b: B,
  spec: PanelSpec,
  size: { width: number; height: number },
  format?: PromQueryFormat,
): B {
  b.title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(DATASOURCE)
    .span(spec.width ?? size.width)
    .height(spec.height ?? size.height)
    .thresholds(
      new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(spec.thresholds ?? NEUTRAL),
    );
  spec.queries.forEach((q, i) => b.withTarget(target(q, i, format)));
  if (spec.mappings) b.mappings(spec.mappings);
  if (spec.min !== undefined) b.min(spec.min);
  if (spec.max !== undefined) b.max(spec.max);
  if (spec.decimals !== undefined) b.decimals(spec.decimals);
  if (spec.noValue !== undefined) b.noValue(spec.noValue);
  if (spec.alerts?.length) b.links(spec.alerts.map(runbookLink));
  return b;
}

const legend = (show: boolean) =>
  new common.VizLegendOptionsBuilder()
    .showLegend(show)
    .displayMode(common.LegendDisplayMode.List)
    .placement(common.LegendPlacement.Bottom)
    .calcs([]);

export interface TimeseriesSpec extends PanelSpec {
  bars?: boolean;
  /** Draw the thresholds as dashed lines (an SLO's target, an alert's limit). */
  thresholdLines?: boolean;
  /** Sparse series (a release step now and then) read better as points. */
  points?: boolean;
}

export function timeseriesPanel(spec: TimeseriesSpec): timeseries.PanelBuilder {
  const b = new timeseries.PanelBuilder()
    .legend(legend(true))
    .tooltip(
      new common.VizTooltipOptionsBuilder()
        .mode(common.TooltipDisplayMode.Multi)
        .sort(common.SortOrder.Descending),
    )
    .drawStyle(spec.bars ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line)
    .lineWidth(1)
    .fillOpacity(spec.bars ? 80 : 10)
    .showPoints(spec.points ? common.VisibilityMode.Always : common.VisibilityMode.Never)
    .pointSize(5);
  if (spec.thresholdLines)
    b.thresholdsStyle(
      new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed),
    );
  return configure(b, spec, { width: 12, height: 8 });
}

export interface StatSpec extends PanelSpec {
  /** A sparkline of the range under the value. */
  sparkline?: boolean;
  /** What each tile shows: the value (default), the series name, or both. */
  text?: 'value' | 'name' | 'value_and_name';
}

export function statPanel(spec: StatSpec): stat.PanelBuilder {
  const textMode = {
    value: common.BigValueTextMode.Value,
    name: common.BigValueTextMode.Name,
    value_and_name: common.BigValueTextMode.ValueAndName,
  }[spec.text ?? 'value'];
  const b = new stat.PanelBuilder()
    .reduceOptions(new common.ReduceDataOptionsBuilder().values(false).calcs(['lastNotNull']))
    .graphMode(spec.sparkline ? common.BigValueGraphMode.Area : common.BigValueGraphMode.None)
    // Colored only when color means something: thresholds or states.
    .colorMode(
      spec.thresholds || spec.mappings
        ? common.BigValueColorMode.Background
        : common.BigValueColorMode.None,
    )
    .textMode(textMode)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .orientation(common.VizOrientation.Auto)
    .wideLayout(true)
    .showPercentChange(false);
  return configure(b, spec, { width: 6, height: 5 });
}

export function stateTimelinePanel(spec: PanelSpec): statetimeline.PanelBuilder {
  const b = new statetimeline.PanelBuilder()
    .showValue(common.VisibilityMode.Auto)
    .mergeValues(true)
    .rowHeight(0.8)
    .fillOpacity(80)
    .lineWidth(0)
    .legend(legend(false))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Single));
  return configure(b, spec, { width: 24, height: 8 });
}

export interface TableSpec extends PanelSpec {
  /** Columns to leave out besides Time. */
  hide?: string[];
  /** Column renames, e.g. `Value` → `failed runs`. */
  rename?: Record<string, string>;
  /** Column to sort by, descending. */
  sortBy?: string;
}

/** Instant queries as a table; several queries are merged on their common labels. */
export function tablePanel(spec: TableSpec): table.PanelBuilder {
  const transformations: DataTransformerConfig[] = [];
  if (spec.queries.length > 1) transformations.push({ id: 'merge', options: {} });
  transformations.push({
    id: 'organize',
    options: {
      excludeByName: Object.fromEntries(['Time', ...(spec.hide ?? [])].map((c) => [c, true])),
      renameByName: spec.rename ?? {},
    },
  });
  const b = new table.PanelBuilder()
    .cellHeight(common.TableCellHeight.Sm)
    .footer(new common.TableFooterOptionsBuilder().show(false).reducer([]))
    .transformations(transformations);
  if (spec.sortBy)
    b.sortBy([new common.TableSortByFieldStateBuilder().displayName(spec.sortBy).desc(true)]);
  const instant = { ...spec, queries: spec.queries.map((q) => ({ ...q, instant: true })) };
  return configure(b, instant, { width: 12, height: 8 }, PromQueryFormat.Table);
}
