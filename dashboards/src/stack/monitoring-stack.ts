/**
 * Runs the monitoring stack on this machine with the generated configuration: Prometheus (the
 * rules, scraping the exporter, both canisters' /metrics and the Pushgateway), Alertmanager and
 * the Pushgateway, Debian's binaries as child processes. `npm start` and the incident-replay test
 * use it; its configs are rendered from the same source as generated/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AlertmanagerOptions, alertmanagerConfig } from '../config/alertmanager-config.js';
import { prometheusConfig } from '../config/prometheus-config.js';
import { type LocalPorts, RULES_FILE, localEndpoints } from '../environments.js';
import { MonitoringError } from '../errors.js';
import { rulesFile, yaml } from '../generate.js';
import { requireTool } from './tools.js';

export interface MonitoringStackOptions {
  /** Configs, Prometheus's TSDB, Alertmanager's silences and the Pushgateway's file live here. */
  dir: string;
  ports: LocalPorts;
  /** The canisters to scrape (default: production and the local canary). */
  canisters?: { target: string; canisterId: string }[];
  webhooks?: AlertmanagerOptions['webhooks'];
  /** Receives each process's stderr lines (they log in logfmt). */
  onLog?: (process: string, line: string) => void;
  readyTimeoutMs?: number;
}

export interface MonitoringStack {
  prometheus: string;
  alertmanager: string;
  pushgateway: string;
  stop(): Promise<void>;
}

interface Running {
  name: string;
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  tail: () => string;
}

function run(
  name: string,
  binary: string,
  args: string[],
  url: string,
  onLog?: MonitoringStackOptions['onLog'],
): Running {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line) onLog?.(name, line);
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { name, child, url, exited, tail: () => tail };
}

/** The last line a process logged that says what went wrong (logfmt `err=` or `msg=`). */
function reason(tail: string): string {
  const lines = tail.trim().split('\n').reverse();
  const line = lines.find((l) => /level=(error|fatal)|err=/.test(l)) ?? lines[0] ?? '';
  return line.match(/err="?([^"]+)"?/)?.[1] ?? line.slice(0, 300);
}

async function ready(p: Running, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void p.exited.then((c) => (exitCode = c));
  for (;;) {
    if (exitCode !== undefined || p.child.exitCode !== null)
      throw new MonitoringError(
        'II_ERR_MONITORING_START',
        `${p.name} exited at start: ${reason(p.tail())}`,
      );
    const ok = await fetch(`${p.url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline)
      throw new MonitoringError(
        'II_ERR_MONITORING_START',
        `${p.name} was not ready on ${p.url} within ${timeoutMs / 1000} s: ${reason(p.tail())}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopAll(processes: Running[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null) return;
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}

/** Writes the configs under `dir`, starts the three processes and waits until each is ready. */
export async function startMonitoringStack(o: MonitoringStackOptions): Promise<MonitoringStack> {
  const binaries = {
    prometheus: requireTool('prometheus'),
    alertmanager: requireTool('alertmanager'),
    pushgateway: requireTool('pushgateway'),
  };
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const listen = (port: number) => `127.0.0.1:${port}`;
  for (const sub of ['prometheus', 'alertmanager'])
    mkdirSync(join(o.dir, sub), { recursive: true });
  const endpoints = localEndpoints(o.ports, o.canisters);
  writeFileSync(join(o.dir, RULES_FILE), rulesFile());
  writeFileSync(
    join(o.dir, 'prometheus.yml'),
    yaml(prometheusConfig({ ...endpoints, ruleFiles: [join(o.dir, RULES_FILE)] })),
  );
  writeFileSync(
    join(o.dir, 'alertmanager.yml'),
    yaml(alertmanagerConfig({ webhooks: o.webhooks })),
  );

  const processes = [
    run(
      'pushgateway',
      binaries.pushgateway,
      [
        `--web.listen-address=${listen(o.ports.pushgateway)}`,
        // Release metrics outlive a restart of `npm start`, as they would in production.
        `--persistence.file=${join(o.dir, 'pushgateway.metrics')}`,
        '--persistence.interval=30s',
      ],
      local(o.ports.pushgateway),
      o.onLog,
    ),
    run(
      'alertmanager',
      binaries.alertmanager,
      [
        `--config.file=${join(o.dir, 'alertmanager.yml')}`,
        `--storage.path=${join(o.dir, 'alertmanager')}`,
        `--web.listen-address=${listen(o.ports.alertmanager)}`,
        // One instance: no gossip port to collide with.
        '--cluster.listen-address=',
      ],
      local(o.ports.alertmanager),
      o.onLog,
    ),
    run(
      'prometheus',
      binaries.prometheus,
      [
        `--config.file=${join(o.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(o.dir, 'prometheus')}`,
        `--web.listen-address=${listen(o.ports.prometheus)}`,
      ],
      local(o.ports.prometheus),
      o.onLog,
    ),
  ];
  try {
    for (const p of processes) await ready(p, o.readyTimeoutMs ?? 60_000);
  } catch (e) {
    await stopAll(processes);
    throw e;
  }
  return {
    prometheus: local(o.ports.prometheus),
    alertmanager: local(o.ports.alertmanager),
    pushgateway: local(o.ports.pushgateway),
    stop: () => stopAll(processes),
  };
}
