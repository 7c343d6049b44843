/** Prometheus rule files, as `promtool check rules` reads them. */

export type Severity = 'page' | 'ticket';

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: Severity } & Record<string, string>;
  annotations: { summary: string; description: string; runbook_url: string } & Record<
    string,
    string
  >;
}

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Array<RecordingRule | AlertRule>;
}

export const isAlert = (r: RecordingRule | AlertRule): r is AlertRule => 'alert' in r;
