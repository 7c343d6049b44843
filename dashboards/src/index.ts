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
