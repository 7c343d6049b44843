// The incident replay: the whole monitored system on localnet (II at the production id on the
// production hostnames, a canary clone, the test dapp, the exporter with the default probe
// intervals, Prometheus with the generated rules and config, Alertmanager, the Pushgateway), then
// the January 2022 bad release — a page whose CSP does not allow the API host the agent calls —
// installed straight onto production. Measured: the time until Alertmanager holds a firing page
// alert for production logins. Then `ii-deploy rollback` restores service and the alert resolves;
// the same release sent through `ii-deploy canary` pages nobody and never reaches production.
// Last, every selector of every rule and panel query is evaluated against this Prometheus.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '@dfinity/principal';
import { faultWasm } from '@ii/canister/build-tools';
import { II_CANISTER_ID, encodeInitArg } from '@ii/client';
import { DEPLOY_ERRORS, Reporter } from '@ii/deploy';
import {
  DIST_WASM,
  type ReleaseWorld,
  deploy,
  faultRelease,
  startReleaseWorld,
} from '@ii/deploy/testing';
import { freePort, startExporter, until } from '@ii/probes/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MonitoringStack,
  RECEIVERS,
  dashboardQueries,
  evaluateQueries,
  ruleGroups,
  startMonitoringStack,
} from '../src/index.js';
import { scanPromql } from '../src/grafana/promql-scan.js';

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  receivers: { name: string }[];
  status: { state: string };
}

let rw: ReleaseWorld;
let stack: MonitoringStack;
let exporter: Awaited<ReturnType<typeof startExporter>>;
let dir: string;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function activeAlerts(): Promise<AmAlert[]> {
  const res = await fetch(`${stack.alertmanager}/api/v2/alerts?active=true&silenced=false`);
  return (await res.json()) as AmAlert[];
}

const isProductionLoginPage = (a: AmAlert) =>
  a.labels.severity === 'page' &&
  a.labels.target === 'production' &&
  ((a.labels.alertname === 'ProbeFailing' && a.labels.flow === 'login') ||
    a.labels.alertname === 'LoginAvailabilityErrorBudgetBurn');

/** The alert that paged, by identity (its labels), to see it resolve. */
let paged: Record<string, string> | undefined;
const sameAlert = (a: AmAlert) =>
  Object.entries(paged!).every(([k, v]) => a.labels[k] === v) &&
  Object.keys(a.labels).length === Object.keys(paged!).length;

async function promQuery(query: string): Promise<unknown[]> {
  const res = await fetch(`${stack.prometheus}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as {
    status: string;
    error?: string;
    data?: { result: unknown[] };
  };
  if (body.status !== 'success') throw new Error(`${query}: ${body.error}`);
  return body.data!.result;
}

function productionModuleHash(): string | undefined {
  const hash = rw.world.net.replica.getCanister(Principal.fromText(II_CANISTER_ID))?.module?.hash;
  return hash ? Buffer.from(hash).toString('hex') : undefined;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ii-incident-'));
  const ports = {
    prometheus: await freePort(),
    alertmanager: await freePort(),
    pushgateway: await freePort(),
  };
  rw = await startReleaseWorld({ pushgateway: `http://127.0.0.1:${ports.pushgateway}` });
  exporter = await startExporter(rw.world.configPath);
  stack = await startMonitoringStack({
    dir,
    ports: { ...ports, exporter: Number(new URL(exporter.url).port), localnet: rw.world.net.port },
  });
  const reporter = new Reporter(stack.pushgateway);
  for (const target of ['production', 'canary'])
    await reporter.released(target, 'v1', sha256(DIST_WASM));
  // Warm: every login probe has succeeded once, and Prometheus scrapes every job.
  await until(
    'the first green login round',
    async () =>
      (await promQuery('ii_probe_runs_total{flow="login",result="success"}')).length >= 3 &&
      (await promQuery('up == 1')).length >= 4,
    300_000,
  );
});

afterAll(async () => {
  await exporter?.stop();
  await stack?.stop();
  await rw?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('incident replay', () => {
  it('before the incident nothing pages', async () => {
    expect((await activeAlerts()).filter((a) => a.labels.severity === 'page')).toEqual([]);
  });

  it('the 2022 release installed straight onto production pages for logins; measured', async () => {
    // Built before the clock starts (the fault build takes a minute here).
    const bad = faultWasm('csp-api-host');
    const t0 = performance.now();
    await rw.world.net.installCanister(bad, {
      canisterId: II_CANISTER_ID,
      mode: 'upgrade',
      arg: encodeInitArg(null),
    });
    let page: AmAlert | undefined;
    await until(
      'a page alert for production logins in Alertmanager',
      async () => {
        page = (await activeAlerts()).find(isProductionLoginPage);
        return page !== undefined;
      },
      600_000,
    );
    const seconds = (performance.now() - t0) / 1000;
    process.stderr.write(
      `[incident-replay] detection: ${seconds.toFixed(1)} s from the install to a firing page alert (${page!.labels.alertname}) in Alertmanager\n`,
    );
    paged = page!.labels;
    expect(page!.receivers.map((r) => r.name)).toEqual([RECEIVERS.page]);
    expect(page!.annotations.runbook_url).toMatch(/\/runbooks\/[a-z-]+\.md$/);
  });

  it('ii-deploy rollback restores service and the alert resolves', async () => {
    const t0 = performance.now();
    const r = await deploy([
      'rollback',
      '--config',
      rw.configPath,
      '--target',
      'production',
      '--to',
      'v1',
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(productionModuleHash()).toBe(sha256(DIST_WASM));
    // The alert that paged resolves once the probes pass again. (The SLO burn alerts reset
    // later, by design: their short windows must first forget the outage.)
    await until(
      'the alert that paged to resolve',
      async () => !(await activeAlerts()).some(sameAlert),
      600_000,
    );
    process.stderr.write(
      `[incident-replay] recovery: ${((performance.now() - t0) / 1000).toFixed(1)} s from ii-deploy rollback to the alert resolved\n`,
    );
  });

  it('the same release through the canary pages nobody and never reaches production', async () => {
    faultRelease(rw.releasesDir, 'csp-api-host');
    const seen: AmAlert[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        seen.push(...(await activeAlerts()));
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const r = await deploy([
      'canary',
      '--config',
      rw.configPath,
      '--release',
      'bad-csp-api-host',
      '--json',
    ]);
    // The canary was upgraded, failed its probes and was rolled back: a red verdict.
    expect(r.code, r.err).toBe(DEPLOY_ERRORS.II_ERR_DEPLOY_RED.exit);
    expect(r.err).toMatch(/canary red \(.*\), rolled back/);
    // Let the exporter and the rules catch up with what the canary went through.
    await new Promise((r) => setTimeout(r, 30_000));
    watching = false;
    await watcher;
    expect(productionModuleHash()).toBe(sha256(DIST_WASM));
    // Production's SLO burn alerts from the incident above may still be resetting; what the canary
    // release must not cause is a page about the canary, or a failing probe on production.
    const pages = seen.filter(
      (a) =>
        a.receivers.some((x) => x.name === RECEIVERS.page) &&
        (a.labels.target === 'canary' || !a.labels.alertname!.endsWith('ErrorBudgetBurn')),
    );
    expect(pages.map((a) => a.labels)).toEqual([]);
    // The exporter saw the bad canary too: its alerts went to the ticket receiver.
    const canary = seen.filter((a) => a.labels.target === 'canary');
    for (const a of canary) expect(a.receivers.map((x) => x.name)).toEqual([RECEIVERS.ticket]);
  });

  it('every selector of every rule and alert returns series from the running system', async () => {
    const exprs = ruleGroups().flatMap((g) => g.rules.map((r) => r.expr));
    const selectors = new Set<string>();
    for (const expr of exprs)
      for (const s of scanPromql(expr).selectors) {
        // An outcome (a failure, its reason) has series only once it happened: the rules cover
        // that with `or vector(0)`; the series they read must exist for every other label.
        const matchers = s.matchers
          .filter((m) => m.label !== 'result' && m.label !== 'reason')
          .map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`);
        selectors.add(`${s.metric}{${matchers.join(',')}}`);
      }
    const empty: string[] = [];
    for (const s of selectors) if ((await promQuery(s)).length === 0) empty.push(s);
    expect(empty).toEqual([]);
  });
});

describe('dashboards against the running system', () => {
  it('every panel query runs, and every series it reads exists', async () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(40);
    const results = await evaluateQueries(stack.prometheus, queries);
    expect(results.filter((r) => r.error).map((r) => `${r.query.panel}: ${r.error}`)).toEqual([]);
    const metrics = new Set(queries.flatMap((q) => q.metrics));
    const missing: string[] = [];
    for (const m of metrics) if ((await promQuery(m)).length === 0) missing.push(m);
    expect(missing).toEqual([]);
  });
});
