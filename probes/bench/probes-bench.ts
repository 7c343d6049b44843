/**
 * Probe benchmarks on localnet (a world like the tests'):
 *   1. per flow, p50/p95 of a run's duration (N runs each);
 *   2. with the exporter at its default intervals, the time from a breakage (the II canister
 *      stopped) to probe_success = 0 for `api` and `page`;
 *   3. the exporter's resident memory after 100 and after 2,000 runs (short intervals), and the
 *      browser contexts left open between runs.
 *
 *   cd probes && npx tsx bench/probes-bench.ts [--runs 20] [--memory-runs 2000]
 */
import { Principal } from '@dfinity/principal';
import { II_CANISTER_ID, createAgent, management, metric, network, parseMetrics } from '@ii/client';
import { BrowserPool } from '../src/browser.js';
import { findTarget, loadConfig } from '../src/config.js';
import { readCredentials } from '../src/credentials.js';
import { probesOf, runProbe } from '../src/runner.js';
import { probe } from '../test/cli.js';
import { startExporter } from '../test/processes.js';
import { startWorld } from '../test/world.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('--runs', 20);
const MEMORY_RUNS = arg('--memory-runs', 2000);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function scrape(url: string) {
  return parseMetrics(await (await fetch(`${url}/metrics`)).text());
}

async function main() {
  // 1. Per flow.
  let world = await startWorld({});
  await probe(['enroll', '--config', world.configPath, '--target', 'production']);
  const config = loadConfig(world.configPath);
  const target = findTarget(config, 'production');
  const credentials = readCredentials(target.credentials!);
  const browsers = new BrowserPool();
  console.log(`per-flow run time on localnet (${RUNS} runs each, one hostname):`);
  for (const flow of ['api', 'page', 'login', 'register'] as const) {
    const spec = probesOf(target, [flow])[0]!;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runProbe(spec, {
        browsers,
        credentials,
        artifactsRoot: config.artifacts,
        keepArtifacts: 3,
      });
      if (!r.success) throw new Error(`${flow} failed: ${r.reason} ${r.detail}`);
      times.push(r.seconds);
    }
    console.log(
      `  ${flow.padEnd(9)} p50 ${pct(times, 50).toFixed(2)} s, p95 ${pct(times, 95).toFixed(2)} s`,
    );
  }
  console.log(`browser contexts open after the runs: ${await browsers.openContexts()}`);
  await browsers.close();

  // 2. Breakage to probe_success = 0, default intervals (api 15 s, page 30 s, login 60 s).
  world.targets[0] = { ...world.targets[0], flows: ['page', 'api'] };
  world.writeConfig();
  const exporter = await startExporter(world.configPath);
  const ok = (samples: ReturnType<typeof parseMetrics>, flow: string) =>
    metric(samples, 'probe_success', {
      target: 'production',
      flow,
      ...(flow === 'page' ? { hostname: 'identity.ic0.app' } : {}),
    });
  for (;;) {
    const s = await scrape(exporter.url);
    if (ok(s, 'api') === 1 && ok(s, 'page') === 1) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const agent = await createAgent(
    network(world.net.url, Buffer.from(world.net.rootKey).toString('hex')),
  );
  const t0 = performance.now();
  await management(agent).stopCanister(Principal.fromText(II_CANISTER_ID));
  const detected: Record<string, number> = {};
  while (detected.api === undefined || detected.page === undefined) {
    const s = await scrape(exporter.url);
    for (const flow of ['api', 'page'])
      if (detected[flow] === undefined && ok(s, flow) === 0)
        detected[flow] = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(
    `breakage (canister stopped) to probe_success = 0 at default intervals: api ${detected.api!.toFixed(1)} s, page ${detected.page!.toFixed(1)} s`,
  );
  await exporter.stop();
  await world.stop();

  // 3. Memory over many runs (short intervals: api 1 s, page 1 s, login 2 s).
  world = await startWorld({
    flows: ['page', 'login', 'api'],
    intervals: { api: 1, page: 1, login: 2 },
  });
  await probe(['enroll', '--config', world.configPath, '--target', 'production']);
  const busy = await startExporter(world.configPath);
  const runsOf = (s: ReturnType<typeof parseMetrics>) =>
    s.filter((x) => x.name === 'ii_probe_runs_total').reduce((a, x) => a + x.value, 0);
  const rssAt: Record<number, number> = {};
  for (const mark of [100, MEMORY_RUNS]) {
    for (;;) {
      const s = await scrape(busy.url);
      if (runsOf(s) >= mark) {
        rssAt[mark] = metric(s, 'process_resident_memory_bytes')!;
        console.log(
          `after ${runsOf(s)} runs: exporter RSS ${(rssAt[mark]! / 1e6).toFixed(1)} MB, browser contexts open ${metric(s, 'ii_probe_browser_contexts')}`,
        );
        break;
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
  console.log(
    `RSS change from 100 to ${MEMORY_RUNS} runs: ${(((rssAt[MEMORY_RUNS]! - rssAt[100]!) / rssAt[100]!) * 100).toFixed(1)} %`,
  );
  await busy.stop();
  await world.stop();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
