/**
 * Runs one probe (a target, a flow, a hostname) to a ProbeResult: never throws for what it finds,
 * keeps artifacts of failed runs (the newest `keep` per probe), and bounds the run's time.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserPool } from './browser.js';
import type { Target } from './config.js';
import type { ProbeCredentials } from './credentials.js';
import { ProbeError } from './errors.js';
import { FLOW_RUNNERS } from './flows/index.js';
import { reasonOf, type FlowContext } from './flows/context.js';
import { type Flow, type ProbeResult, Steps } from './result.js';

export interface ProbeSpec {
  target: Target;
  flow: Flow;
  hostname: string;
}

/** Every probe of a target: each browser flow on each hostname, `api` once on the API host. */
export function probesOf(target: Target, flows: readonly Flow[] = target.flows): ProbeSpec[] {
  const specs: ProbeSpec[] = [];
  for (const flow of flows) {
    if (flow === 'api') specs.push({ target, flow, hostname: new URL(target.network).host });
    else for (const hostname of target.hostnames) specs.push({ target, flow, hostname });
  }
  return specs;
}

export const probeKey = (s: ProbeSpec) => `${s.target.name}/${s.flow}/${s.hostname}`;

export interface RunEnvironment {
  browsers: BrowserPool;
  credentials?: ProbeCredentials;
  artifactsRoot: string;
  keepArtifacts: number;
}

export async function runProbe(spec: ProbeSpec, env: RunEnvironment): Promise<ProbeResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const steps = new Steps();
  const probeDir = join(env.artifactsRoot, spec.target.name, spec.flow, spec.hostname);
  const ctx: FlowContext = {
    target: spec.target,
    hostname: spec.hostname,
    steps,
    credentials: env.credentials,
    browsers: env.browsers,
    artifactsDir: join(probeDir, startedAt.toISOString().replace(/[:.]/g, '-')),
    artifacts: [],
    actionTimeoutMs: Math.max(5_000, (spec.target.timeoutSeconds * 1000) / 2),
  };
  const deadline = spec.target.timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const run = FLOW_RUNNERS[spec.flow](ctx);
  // A run past its deadline is reported at once; its own action timeouts end it soon after.
  run.catch(() => undefined);
  let outcome: { ok: true } | { ok: false; error: unknown };
  try {
    await Promise.race([
      run,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DeadlineError(deadline)), deadline);
      }),
    ]);
    outcome = { ok: true };
  } catch (error) {
    if (error instanceof ProbeError) throw error;
    outcome = { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
  const result: ProbeResult = {
    target: spec.target.name,
    flow: spec.flow,
    hostname: spec.hostname,
    location: spec.target.location,
    success: outcome.ok,
    steps: steps.timings,
    seconds: Math.round(performance.now() - t0) / 1000,
    artifacts: ctx.artifacts,
    startedAt: startedAt.toISOString(),
  };
  if (!outcome.ok) {
    const e = outcome.error;
    result.reason = e instanceof DeadlineError ? 'timeout' : reasonOf(e);
    result.detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 500);
    pruneArtifacts(probeDir, env.keepArtifacts);
  }
  return result;
}

class DeadlineError extends Error {
  constructor(ms: number) {
    super(`the run took longer than ${ms / 1000} s`);
  }
}

/** Keeps the newest `keep` artifact folders of one probe. */
function pruneArtifacts(dir: string, keep: number): void {
  let entries: string[];
  try {
    mkdirSync(dir, { recursive: true });
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const old of entries.slice(0, Math.max(0, entries.length - keep)))
    rmSync(join(dir, old), { recursive: true, force: true });
}
