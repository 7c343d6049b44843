/**
 * From the SLO list: the recorded error ratios per window (Sloth's names), the objective, the
 * budget left over the period, and the multiwindow multi-burn-rate alerts (one alert name per SLO;
 * a page and a ticket rule under it, as Sloth generates them).
 */
import { runbookUrl } from '../runbooks.js';
import { BURN_ALERTS, type Slo, WINDOWS } from '../slos.js';
import type { AlertRule, RecordingRule, RuleGroup, Severity } from './types.js';

export const errorRatio = (window: string) => `slo:sli_error:ratio_rate${window}`;
export const OBJECTIVE = 'slo:objective:ratio';
export const ERROR_BUDGET = 'slo:error_budget:ratio';
export const BURN_RATE = 'slo:current_burn_rate:ratio';
export const BUDGET_REMAINING = 'slo:period_error_budget_remaining:ratio';

const periodWindow = (slo: Slo) => `${slo.periodDays}d`;
export const burnAlertName = (slo: Slo) => `${slo.name}ErrorBudgetBurn`;

function recordings(slo: Slo): RecordingRule[] {
  const labels = { slo: slo.id };
  const windows = [...new Set<string>([...WINDOWS, periodWindow(slo)])];
  const budget = 1 - slo.objective;
  return [
    // No failure series yet means no errors, not no data.
    ...windows.map((w) => ({
      record: errorRatio(w),
      expr: `(${slo.errors(w)} or vector(0)) / ${slo.total(w)}`,
      labels,
    })),
    { record: OBJECTIVE, expr: `vector(${slo.objective})`, labels },
    { record: ERROR_BUDGET, expr: `vector(${round(budget)})`, labels },
    {
      record: BURN_RATE,
      expr: `${errorRatio('5m')}{slo="${slo.id}"} / ${round(budget)}`,
      labels,
    },
    {
      record: BUDGET_REMAINING,
      expr: `1 - ${errorRatio(periodWindow(slo))}{slo="${slo.id}"} / ${round(budget)}`,
      labels,
    },
  ];
}

const round = (x: number) => Number(x.toPrecision(10));

function burnAlert(slo: Slo, severity: Severity): AlertRule {
  const budget = 1 - slo.objective;
  const sel = (w: string) => `${errorRatio(w)}{slo="${slo.id}"}`;
  const conditions = BURN_ALERTS.filter((b) => b.severity === severity).map(
    (b) =>
      `(${sel(b.long)} > ${round(b.factor * budget)} and ${sel(b.short)} > ${round(b.factor * budget)})`,
  );
  const pace = severity === 'page' ? 'fast' : 'steadily';
  return {
    alert: burnAlertName(slo),
    expr: conditions.join('\nor\n'),
    labels: { severity, slo: slo.id, target: 'production' },
    annotations: {
      summary: `${slo.title} on production is burning its error budget ${pace}.`,
      description: `SLI: ${slo.description} Objective: ${slo.objective * 100} % over ${slo.periodDays} days. {{ $value | humanizePercentage }} of recent events were bad, so the budget goes ${pace}.`,
      runbook_url: runbookUrl(burnAlertName(slo)),
    },
  };
}

export function sloRuleGroups(slos: readonly Slo[]): RuleGroup[] {
  return [
    // Windows of 5 minutes and more: a 30 s resolution is plenty and keeps the 30-day ratios cheap.
    { name: 'ii-slo-recording', interval: '30s', rules: slos.flatMap(recordings) },
    {
      name: 'ii-slo-alerts',
      rules: slos.flatMap((s) => [burnAlert(s, 'page'), burnAlert(s, 'ticket')]),
    },
  ];
}
