/**
 * Every step of a release is a JSON log line on stderr and a metric pushed to the Pushgateway
 * (the standard sink for batch jobs): `ii_release_step_total{target,step,result}`,
 * `ii_release_step_duration_seconds{target,step}`, `ii_release_info{target,version,module_hash}`
 * and `ii_release_last_step_success{target,step}` (1 or 0, for alerts on the latest outcome).
 */
import pino, { type Logger } from 'pino';
import { Counter, Gauge, Histogram, Pushgateway, Registry } from 'prom-client';

export const RELEASE_METRICS = {
  steps: 'ii_release_step_total',
  stepDuration: 'ii_release_step_duration_seconds',
  info: 'ii_release_info',
  lastStep: 'ii_release_last_step_success',
} as const;

export class Reporter {
  readonly log: Logger;
  private readonly registry = new Registry();
  private readonly steps = new Counter({
    name: RELEASE_METRICS.steps,
    help: 'Release steps by target, step and result (success or failure).',
    labelNames: ['target', 'step', 'result'],
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: RELEASE_METRICS.stepDuration,
    help: 'How long each release step took, in seconds.',
    labelNames: ['target', 'step'],
    buckets: [0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });
  private readonly lastStep = new Gauge({
    name: RELEASE_METRICS.lastStep,
    help: 'Whether the latest run of the release step succeeded (1) or failed (0).',
    labelNames: ['target', 'step'],
    registers: [this.registry],
  });
  private readonly info = new Gauge({
    name: RELEASE_METRICS.info,
    help: 'The release a target runs after the latest release step (value 1).',
    labelNames: ['target', 'version', 'module_hash'],
    registers: [this.registry],
  });
  private readonly gateway?: Pushgateway<'text/plain; version=0.0.4; charset=utf-8'>;

  constructor(pushgatewayUrl: string | undefined, log?: Logger) {
    this.log = log ?? pino({ base: { service: 'ii-deploy' } }, pino.destination(2));
    if (pushgatewayUrl) this.gateway = new Pushgateway(pushgatewayUrl, {}, this.registry);
  }

  /** Runs one step: logged when it starts and ends, counted, timed, pushed. */
  async step<T>(target: string, step: string, fn: () => Promise<T>): Promise<T> {
    this.log.info({ target, step }, `${step}: started`);
    const t0 = performance.now();
    let ok = false;
    try {
      const result = await fn();
      ok = true;
      return result;
    } catch (e) {
      this.log.error(
        { target, step, err: { message: (e as Error).message.split('\n')[0] } },
        `${step}: failed`,
      );
      throw e;
    } finally {
      const seconds = (performance.now() - t0) / 1000;
      this.steps.inc({ target, step, result: ok ? 'success' : 'failure' });
      this.durations.observe({ target, step }, seconds);
      this.lastStep.set({ target, step }, ok ? 1 : 0);
      if (ok)
        this.log.info(
          { target, step, seconds: Math.round(seconds * 1000) / 1000 },
          `${step}: done`,
        );
      await this.push(target);
    }
  }

  async released(target: string, version: string, moduleHash: string): Promise<void> {
    this.info.reset();
    this.info.set({ target, version, module_hash: moduleHash }, 1);
    await this.push(target);
  }

  private async push(target: string): Promise<void> {
    if (!this.gateway) return;
    try {
      await this.gateway.pushAdd({ jobName: 'ii-deploy', groupings: { target } });
    } catch (e) {
      // Metrics must never stop a release (or its rollback).
      this.log.warn({ err: { message: (e as Error).message } }, 'pushing metrics failed');
    }
  }
}
