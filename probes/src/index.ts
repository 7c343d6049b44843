/** @ii/probes: the synthetic probes and their runner, for the exporter and the release pipeline. */
export { BrowserPool, isLateBrowserEvent, surviveLateBrowserEvents } from './browser.js';
export { type ProbesConfig, type Target, findTarget, loadConfig } from './config.js';
export { readCredentials, type ProbeCredentials } from './credentials.js';
export { enroll, type EnrollOptions, type Enrolled } from './enroll.js';
export { ProbeError, PROBE_ERRORS } from './errors.js';
export { METRIC_NAMES, PROBE_LABELS } from './exporter/catalogue.js';
export { DEFAULT_INTERVALS } from './config.js';
export { FLOWS, REASONS, type Flow, type ProbeResult, type Reason } from './result.js';
export { probeKey, probesOf, runProbe, type ProbeSpec } from './runner.js';
