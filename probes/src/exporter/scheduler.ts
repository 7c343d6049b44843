/**
 * Runs every probe at its own interval: never two runs of the same probe at once, at most
 * `concurrency` browser runs together (`api` runs use no browser), no hidden retries (a failed run is a failed run, with its reason).
 * Also reads what the IC certifies about each target (module hash, controllers, time).
 */
import { canisterInfo, certifiedTime } from '@ii/client';
import type { Logger } from 'pino';
import type { BrowserPool } from '../browser.js';
import type { ProbesConfig, Target } from '../config.js';
import type { ProbeCredentials } from '../credentials.js';
import type { ProbeResult } from '../result.js';
import { type ProbeSpec, probeKey, probesOf, runProbe } from '../runner.js';
import { targetAgent } from '../target-client.js';
import type { Metrics } from './catalogue.js';

/** How often read_state is asked per target (cheap; a new module hash wakes the browser probes). */
export const READ_STATE_INTERVAL_S = 10;

export interface SchedulerOptions {
  config: ProbesConfig;
  credentials: Map<string, ProbeCredentials>;
  browsers: BrowserPool;
  metrics: Metrics;
  log: Logger;
  concurrency?: number;
}

class Semaphore {
  private waiting: Array<() => void> = [];
  constructor(private free: number) {}
  async take(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

export class Scheduler {
  readonly specs: ProbeSpec[];
  readonly last = new Map<string, ProbeResult>();
  private readonly running = new Map<string, Promise<ProbeResult>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Per probe: run its loop now instead of at its next scheduled time. */
  private readonly wakers = new Map<string, () => void>();
  private readonly failures = new Map<string, number>();
  private readonly slots: Semaphore;
  private stopped = false;
  /** The series last published per target, to replace them (not every target's) on change. */
  private readonly published = new Map<string, { hash?: string; controllers: string[] }>();

  constructor(private readonly o: SchedulerOptions) {
    this.specs = o.config.targets.flatMap((t) => probesOf(t));
    this.slots = new Semaphore(o.concurrency ?? 2);
  }

  start(): void {
    for (const spec of this.specs) this.loop(spec);
    for (const target of this.o.config.targets) this.readStateLoop(target);
  }

  /** Runs the matching probes now (waiting for a run in progress instead of starting a second). */
  async runNow(filter: { target?: string; flow?: string } = {}): Promise<ProbeResult[]> {
    const specs = this.specs.filter(
      (s) =>
        (!filter.target || s.target.name === filter.target) &&
        (!filter.flow || s.flow === filter.flow),
    );
    return Promise.all(specs.map((s) => this.run(s)));
  }

  /** Stops scheduling and waits (at most `graceMs`) for runs in progress. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const inFlight = Promise.allSettled([...this.running.values()]);
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([inFlight, new Promise((r) => (grace = setTimeout(r, graceMs)))]);
    clearTimeout(grace);
  }

  private later(fn: () => void, seconds: number): NodeJS.Timeout | undefined {
    if (this.stopped) return undefined;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, seconds * 1000);
    this.timers.add(t);
    return t;
  }

  private loop(spec: ProbeSpec): void {
    let pending: NodeJS.Timeout | undefined;
    let busy = false;
    const next = async () => {
      if (this.stopped || busy) return;
      busy = true;
      const t0 = performance.now();
      const result = await this.run(spec);
      busy = false;
      const elapsed = (performance.now() - t0) / 1000;
      // While a probe fails it is checked again soon, so two failures in a row come quickly.
      const interval = result.success
        ? spec.target.intervals[spec.flow]
        : Math.min(spec.target.intervals[spec.flow], spec.target.recheckSeconds);
      pending = this.later(() => void next(), Math.max(1, interval - elapsed));
    };
    this.wakers.set(probeKey(spec), () => {
      if (busy) return;
      if (pending) {
        clearTimeout(pending);
        this.timers.delete(pending);
      }
      void next();
    });
    void next();
  }

  /** A new module on a target: its browser probes run now, not at their next interval. */
  private wake(target: string): void {
    for (const spec of this.specs)
      if (spec.target.name === target && spec.flow !== 'api') this.wakers.get(probeKey(spec))?.();
  }

  private run(spec: ProbeSpec): Promise<ProbeResult> {
    const key = probeKey(spec);
    const existing = this.running.get(key);
    if (existing) return existing;
    const run = (async () => {
      // The limit is on browsers: `api` runs need none and must not wait behind them.
      const release = spec.flow === 'api' ? () => undefined : await this.slots.take();
      try {
        const result = await runProbe(spec, {
          browsers: this.o.browsers,
          credentials: this.o.credentials.get(spec.target.name),
          artifactsRoot: this.o.config.artifacts,
          keepArtifacts: this.o.config.keepArtifacts,
        }).catch((e: unknown) => failedRun(spec, e));
        this.record(result);
        return result;
      } finally {
        release();
        this.running.delete(key);
      }
    })();
    this.running.set(key, run);
    return run;
  }

  private record(r: ProbeResult): void {
    const labels = { target: r.target, flow: r.flow, hostname: r.hostname, location: r.location };
    const m = this.o.metrics;
    m.success.set(labels, r.success ? 1 : 0);
    m.duration.set(labels, r.seconds);
    m.runs.inc({
      ...labels,
      result: r.success ? 'success' : 'failure',
      reason: r.reason ?? 'none',
    });
    m.runDuration.observe(labels, r.seconds);
    for (const s of r.steps) m.stepDuration.observe({ ...labels, step: s.name }, s.seconds);
    if (r.success) m.lastSuccess.set(labels, Date.parse(r.startedAt) / 1000 + r.seconds);
    const key = `${r.target}/${r.flow}/${r.hostname}`;
    const failures = r.success ? 0 : (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    m.consecutiveFailures.set(labels, failures);
    this.last.set(key, r);
    const log = { target: r.target, flow: r.flow, hostname: r.hostname, seconds: r.seconds };
    if (r.success) this.o.log.info(log, 'probe succeeded');
    else this.o.log.warn({ ...log, reason: r.reason, detail: r.detail }, 'probe failed');
  }

  private readStateLoop(target: Target): void {
    const next = async () => {
      if (this.stopped) return;
      await this.readState(target);
      this.later(next, READ_STATE_INTERVAL_S);
    };
    void next();
  }

  private async readState(target: Target): Promise<void> {
    const m = this.o.metrics;
    const id = { target: target.name, canister_id: target.canisterId };
    try {
      const agent = await targetAgent(target);
      const [info, time] = await Promise.all([
        canisterInfo(agent, target.canisterId),
        certifiedTime(agent, target.canisterId),
      ]);
      const before = this.published.get(target.name);
      if (before?.hash && before.hash !== info.moduleHash)
        m.moduleInfo.remove({ ...id, module_hash: before.hash });
      for (const c of before?.controllers ?? [])
        if (!info.controllers.includes(c)) m.controllerInfo.remove({ ...id, controller: c });
      if (info.moduleHash) m.moduleInfo.set({ ...id, module_hash: info.moduleHash }, 1);
      if (before && before.hash !== (info.moduleHash ?? undefined)) {
        this.o.log.info(
          { target: target.name, from: before.hash, to: info.moduleHash },
          'module changed: probing now',
        );
        this.wake(target.name);
      }
      for (const c of info.controllers) m.controllerInfo.set({ ...id, controller: c }, 1);
      this.published.set(target.name, {
        hash: info.moduleHash ?? undefined,
        controllers: info.controllers,
      });
      m.timeLag.set(id, (Date.now() - time.getTime()) / 1000);
      m.readStateSuccess.set(id, 1);
    } catch (e) {
      m.readStateSuccess.set(id, 0);
      this.o.log.warn(
        { target: target.name, err: { message: (e as Error).message.split('\n')[0] } },
        'read_state failed',
      );
    }
  }
}

/** A run that could not even start (e.g. the browser would not launch) is a failed run. */
function failedRun(spec: ProbeSpec, e: unknown): ProbeResult {
  return {
    target: spec.target.name,
    flow: spec.flow,
    hostname: spec.hostname,
    location: spec.target.location,
    success: false,
    reason: 'assertion',
    detail: (e instanceof Error ? e.message : String(e)).split('\n')[0],
    steps: [],
    seconds: 0,
    artifacts: [],
    startedAt: new Date().toISOString(),
  };
}
