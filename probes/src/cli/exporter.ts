/**
 * `ii-exporter`: runs the probes of every configured target on a schedule and publishes the
 * results as Prometheus metrics. Logs are JSON on stderr (secrets redacted). Exit codes: 0 after a
 * clean shutdown (SIGINT/SIGTERM), 2 for a usage, configuration or credentials error.
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import pino from 'pino';
import { Registry } from 'prom-client';
import { BrowserPool, surviveLateBrowserEvents } from '../browser.js';
import { loadConfig } from '../config.js';
import { type ProbeCredentials, readCredentials } from '../credentials.js';
import { ProbeError } from '../errors.js';
import { createMetrics } from '../exporter/catalogue.js';
import { Scheduler } from '../exporter/scheduler.js';
import { buildServer } from '../exporter/server.js';

const EXAMPLES = `
Examples:
  npx ii-exporter --config probes/config/local.yaml
  npx ii-exporter --config probes.yaml --port 9464 --host 0.0.0.0
  curl -s http://127.0.0.1:9464/metrics | grep probe_success
  curl -s -X POST http://127.0.0.1:9464/probes/run -H 'content-type: application/json' -d '{"target":"canary"}'
`;

interface Flags {
  config: string;
  port: string;
  host: string;
  concurrency: string;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('ii-exporter')
    .description('Runs the synthetic probes on a schedule and exports Prometheus metrics')
    .requiredOption('--config <file>', 'targets file (YAML or JSON)')
    .option('--port <port>', 'port to listen on', '9464')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--concurrency <n>', 'probe runs at the same time', '2')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', EXAMPLES);
  let flags: Flags;
  try {
    program.parse(argv, { from: 'user' });
    flags = program.opts<Flags>();
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const log = pino(
    { base: { service: 'ii-exporter' }, redact: ['credentials', '*.privateKey', '*.deviceKey'] },
    pino.destination(2),
  );
  let scheduler: Scheduler;
  let browsers: BrowserPool;
  let app: ReturnType<typeof buildServer>;
  try {
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ProbeError('II_ERR_PROBE_USAGE', `--port must be a port number, got ${flags.port}`);
    const config = loadConfig(flags.config);
    const credentials = new Map<string, ProbeCredentials>();
    for (const t of config.targets) {
      const needs = t.flows.includes('login') || t.flows.includes('api');
      if (!needs) continue;
      if (!t.credentials || !existsSync(t.credentials))
        throw new ProbeError(
          'II_ERR_PROBE_CREDENTIALS',
          `target ${t.name} has no credentials file${t.credentials ? ` (${t.credentials})` : ''}: run ii-probe enroll first`,
        );
      credentials.set(t.name, readCredentials(t.credentials));
    }
    const registry = new Registry();
    browsers = new BrowserPool();
    scheduler = new Scheduler({
      config,
      credentials,
      browsers,
      metrics: createMetrics(registry, () => browsers.openContexts()),
      log,
      concurrency: Number(flags.concurrency) || 2,
    });
    app = buildServer({ registry, scheduler, browsers, log });
    await app.listen({ port, host: flags.host });
  } catch (e) {
    if (e instanceof ProbeError || (e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`ii-exporter: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : flags.port;
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', url: `http://${flags.host}:${bound}`, probes: scheduler.specs.length })}\n`,
  );
  surviveLateBrowserEvents(
    (e) => log.warn({ err: { message: e.message } }, 'ignored a late browser event'),
    (e) => {
      log.fatal({ err: { message: e.message, stack: e.stack } }, 'uncaught exception');
      process.exit(1);
    },
  );
  scheduler.start();
  return new Promise<number>((resolve) => {
    const stop = async (signal: string) => {
      log.info({ signal }, 'stopping: no new runs, finishing the ones in progress');
      await scheduler.stop();
      await browsers.close();
      await app.close();
      log.info('stopped');
      resolve(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}
