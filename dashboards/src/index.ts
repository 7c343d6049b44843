/** What other packages use: the rules, configs and dashboards as data, and the monitoring stack. */
export * from './signals.js';
export * from './slos.js';
export * from './runbooks.js';
export * from './rules/index.js';
export * from './config/prometheus-config.js';
export * from './config/alertmanager-config.js';
export * from './environments.js';
export {
  generatedFiles,
  rulesFile,
  staleFiles,
  writeGenerated,
  GENERATED_DIR,
} from './generate.js';
export * from './stack/index.js';
export { MonitoringError, MONITORING_ERRORS, type MonitoringErrorCode } from './errors.js';
export {
  GRAFANA_DASHBOARDS,
  dashboardQueries,
  dashboards,
  evaluateQueries,
  grafanaFiles,
  type GrafanaDashboard,
  type PanelQuery,
  type QueryResult,
} from './grafana/index.js';
