/**
 * Every metric the exporter publishes, with its help text and labels: the one place a name is
 * written (dashboards and alerts read this catalogue). Blackbox-exporter names where one exists.
 */
import { Counter, Gauge, Histogram, type Registry, collectDefaultMetrics } from 'prom-client';

export const PROBE_LABELS = ['target', 'flow', 'hostname', 'location'] as const;

export const METRIC_NAMES = {
  success: 'probe_success',
  duration: 'probe_duration_seconds',
  runs: 'ii_probe_runs_total',
  stepDuration: 'ii_probe_step_duration_seconds',
  lastSuccess: 'ii_probe_last_success_timestamp_seconds',
  consecutiveFailures: 'ii_probe_consecutive_failures',
  runDuration: 'ii_probe_run_duration_seconds',
  moduleInfo: 'ii_canister_module_info',
  controllerInfo: 'ii_canister_controller_info',
  timeLag: 'ii_canister_time_lag_seconds',
  readStateSuccess: 'ii_canister_read_state_success',
  browserContexts: 'ii_probe_browser_contexts',
} as const;

export function createMetrics(registry: Registry, openContexts: () => Promise<number>) {
  collectDefaultMetrics({ register: registry });
  const labelNames = [...PROBE_LABELS];
  return {
    success: new Gauge({
      name: METRIC_NAMES.success,
      help: 'Whether the last run of the probe succeeded (1) or failed (0).',
      labelNames,
      registers: [registry],
    }),
    duration: new Gauge({
      name: METRIC_NAMES.duration,
      help: 'How long the last run of the probe took, in seconds.',
      labelNames,
      registers: [registry],
    }),
    runs: new Counter({
      name: METRIC_NAMES.runs,
      help: 'Probe runs by result (success or failure) and failure reason (none when it succeeded).',
      labelNames: [...labelNames, 'result', 'reason'],
      registers: [registry],
    }),
    stepDuration: new Histogram({
      name: METRIC_NAMES.stepDuration,
      help: 'How long each named step of a probe run took, in seconds.',
      labelNames: [...labelNames, 'step'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    }),
    consecutiveFailures: new Gauge({
      name: METRIC_NAMES.consecutiveFailures,
      help: 'Runs of the probe that failed in a row (0 after a success).',
      labelNames,
      registers: [registry],
    }),
    runDuration: new Histogram({
      name: METRIC_NAMES.runDuration,
      help: 'How long probe runs took, in seconds (all runs, failed ones included).',
      labelNames,
      buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60],
      registers: [registry],
    }),
    lastSuccess: new Gauge({
      name: METRIC_NAMES.lastSuccess,
      help: 'When the probe last succeeded, in seconds since the Unix epoch.',
      labelNames,
      registers: [registry],
    }),
    moduleInfo: new Gauge({
      name: METRIC_NAMES.moduleInfo,
      help: "The module hash the IC certifies for the target's canister (value 1; the hash is a label).",
      labelNames: ['target', 'canister_id', 'module_hash'],
      registers: [registry],
    }),
    controllerInfo: new Gauge({
      name: METRIC_NAMES.controllerInfo,
      help: "A controller the IC certifies for the target's canister (value 1).",
      labelNames: ['target', 'canister_id', 'controller'],
      registers: [registry],
    }),
    timeLag: new Gauge({
      name: METRIC_NAMES.timeLag,
      help: "How far the IC's certified time for the target lags the exporter's clock, in seconds.",
      labelNames: ['target', 'canister_id'],
      registers: [registry],
    }),
    browserContexts: new Gauge({
      name: METRIC_NAMES.browserContexts,
      help: 'Browser contexts open right now (each run opens one and closes it).',
      registers: [registry],
      async collect() {
        this.set(await openContexts());
      },
    }),
    readStateSuccess: new Gauge({
      name: METRIC_NAMES.readStateSuccess,
      help: "Whether the last read_state of the target's canister succeeded (1) or failed (0).",
      labelNames: ['target', 'canister_id'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
