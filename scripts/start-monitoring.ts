/**
 * The monitored half of `npm start`: the probes' config and identities for both targets, the
 * exporter probing them, and the monitoring stack (Prometheus with the generated rules,
 * Alertmanager, the Pushgateway) from @ii/dashboards. start.ts calls it once II, the canary and
 * the test dapp are deployed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  API_HOSTS,
  II_CANISTER_ID,
  II_HOSTNAMES,
  LOCAL_CANARY_CANISTER_ID,
  LOCAL_CANARY_HOSTNAME,
  TEST_DAPP_CANISTER_ID,
} from '@ii/client';
import {
  DEFAULT_PORTS,
  type MonitoringStack,
  hasTool,
  startMonitoringStack,
  TOOLS,
} from '@ii/dashboards';
import { Reporter } from '@ii/deploy';
import type { Localnet } from '@ii/localnet';
import { enroll, findTarget, loadConfig } from '@ii/probes';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import { ScriptError } from './errors.js';

const EXPORTER_BIN = fileURLToPath(new URL('../probes/bin/ii-exporter.js', import.meta.url));

/** The monitoring ports `npm start` reads from the environment (0 = any free port). */
export const MONITORING_PORTS = {
  PROMETHEUS_PORT: DEFAULT_PORTS.prometheus,
  ALERTMANAGER_PORT: DEFAULT_PORTS.alertmanager,
  PUSHGATEWAY_PORT: DEFAULT_PORTS.pushgateway,
  EXPORTER_PORT: DEFAULT_PORTS.exporter,
} as const;

export type MonitoringPortVariable = keyof typeof MONITORING_PORTS;

export interface MonitoringUrls {
  prometheus: string;
  alertmanager: string;
  pushgateway: string;
  exporter: string;
  probesConfig: string;
}

export interface Monitoring {
  urls: MonitoringUrls;
  stop(): Promise<void>;
}

/** A port nothing listens on now (for a variable set to 0). */
export async function anyFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The Debian binaries the monitoring stack needs that are not on this machine. */
export function missingMonitoringTools(): string[] {
  const tools = ['prometheus', 'alertmanager', 'pushgateway'] as const;
  return tools.filter((t) => !hasTool(t)).map((t) => TOOLS[t].debian);
}

/** The probes config for this localnet, as an operator would write one for mainnet. */
export function writeProbesConfig(dir: string, net: Localnet, caCert: string): string {
  const https = `127.0.0.1:${net.httpsPort}`;
  const dappHost = `${TEST_DAPP_CANISTER_ID}.icp0.io`;
  const resolve = (hosts: readonly string[]) =>
    [...hosts, dappHost, ...API_HOSTS].map((h) => `${h}:${https}`);
  const common = {
    network: net.url,
    rootKey: Buffer.from(net.rootKey).toString('hex'),
    dappUrl: `https://${dappHost}`,
    dappCanisterId: TEST_DAPP_CANISTER_ID,
    location: 'local',
    ca: caCert,
  };
  const config = {
    targets: [
      {
        name: 'production',
        canisterId: II_CANISTER_ID,
        // Every name users reach II by, id.ai included (today's @icp-sdk/auth opens it).
        hostnames: [...II_HOSTNAMES],
        resolve: resolve(II_HOSTNAMES),
        credentials: 'production.credentials.json',
        captcha: true,
        ...common,
      },
      {
        name: 'canary',
        canisterId: LOCAL_CANARY_CANISTER_ID,
        hostnames: [LOCAL_CANARY_HOSTNAME],
        resolve: resolve([LOCAL_CANARY_HOSTNAME]),
        credentials: 'canary.credentials.json',
        captcha: false,
        ...common,
      },
    ],
    artifacts: 'artifacts',
    keepArtifacts: 20,
  };
  const path = join(dir, 'probes.yaml');
  writeFileSync(path, `# Written by npm start for this localnet.\n${stringify(config)}`);
  return path;
}

/**
 * Gives the probe its identity on each target once (credentials files, mode 0600, kept in the
 * state dir). Production asks for a captcha, so `openRegistration` lets the probe register there.
 */
export async function enrollProbes(
  configPath: string,
  openRegistration: (target: string, open: boolean) => Promise<void>,
  log: Logger,
): Promise<void> {
  const config = loadConfig(configPath);
  for (const name of ['canary', 'production']) {
    const target = findTarget(config, name);
    if (target.credentials && existsSync(target.credentials)) continue;
    const captcha = target.captcha;
    if (captcha) await openRegistration(name, true);
    try {
      const enrolled = await enroll({
        target: { ...target, captcha: false },
        log: (line) => log.info({ target: name }, line),
      });
      log.info({ target: name, anchor: enrolled.anchor }, 'probe enrolled');
    } finally {
      if (captcha) await openRegistration(name, false);
    }
  }
}

function startExporter(
  configPath: string,
  port: number,
  log: Logger,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [EXPORTER_BIN, '--config', configPath, '--port', String(port), '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let tail = '';
  child.stderr!.on('data', (c: Buffer) => {
    tail = (tail + c.toString()).slice(-4000);
    for (const line of c.toString().split('\n')) if (line) log.info({ process: 'exporter' }, line);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, url: (JSON.parse(out.slice(0, nl)) as { url: string }).url });
    });
    child.once('exit', (code) =>
      reject(
        new ScriptError(
          'II_ERR_SCRIPT_MONITORING',
          `the exporter exited (${code}): ${tail.trim().split('\n').at(-1) ?? ''}`,
        ),
      ),
    );
  });
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

export interface StartMonitoringOptions {
  net: Localnet;
  stateDir: string;
  caCert: string;
  ports: Record<MonitoringPortVariable, number>;
  /** What each target runs now (sha256 of its module): pushed as released, see below. */
  modules: { target: string; wasm: Uint8Array }[];
  openRegistration: (target: string, open: boolean) => Promise<void>;
  log: Logger;
}

export async function startMonitoring(o: StartMonitoringOptions): Promise<Monitoring> {
  const dir = join(o.stateDir, 'monitoring');
  mkdirSync(dir, { recursive: true });
  const probesConfig = writeProbesConfig(dir, o.net, o.caCert);
  await enrollProbes(probesConfig, o.openRegistration, o.log);

  const port = async (v: MonitoringPortVariable) => o.ports[v] || (await anyFreePort());
  const ports = {
    prometheus: await port('PROMETHEUS_PORT'),
    alertmanager: await port('ALERTMANAGER_PORT'),
    pushgateway: await port('PUSHGATEWAY_PORT'),
    exporter: await port('EXPORTER_PORT'),
    localnet: o.net.port,
  };
  const stack: MonitoringStack = await startMonitoringStack({
    dir: join(dir, 'stack'),
    ports,
    onLog: (process, line) => o.log.debug({ process }, line),
  });
  let exporter: { child: ChildProcess; url: string } | undefined;
  try {
    // What npm start installed is, by definition, released: without this the
    // module-changed-without-release alert would fire for both targets.
    const reporter = new Reporter(stack.pushgateway, o.log);
    for (const m of o.modules)
      await reporter.released(m.target, 'local', createHash('sha256').update(m.wasm).digest('hex'));
    exporter = await startExporter(probesConfig, ports.exporter, o.log);
  } catch (e) {
    await stack.stop();
    throw e;
  }
  const running = exporter;
  return {
    urls: {
      prometheus: stack.prometheus,
      alertmanager: stack.alertmanager,
      pushgateway: stack.pushgateway,
      exporter: `${running.url.replace(/\/$/, '')}/metrics`,
      probesConfig,
    },
    stop: async () => {
      await stopChild(running.child);
      await stack.stop();
    },
  };
}
