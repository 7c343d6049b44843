/**
 * The exporter's HTTP face (Fastify): /metrics (one registry), /healthz, /readyz (config loaded,
 * browser up), /probes (the last result of every probe), POST /probes/run (run now; the release
 * pipeline calls it after an upgrade).
 */
import Fastify from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { BrowserPool } from '../browser.js';
import type { Scheduler } from './scheduler.js';

export interface ServerOptions {
  registry: Registry;
  scheduler: Scheduler;
  browsers: BrowserPool;
  log: Logger;
}

export function buildServer(o: ServerOptions) {
  const app = Fastify({ loggerInstance: o.log, disableRequestLogging: true });
  app.get('/metrics', async (_req, reply) => {
    reply.header('Content-Type', o.registry.contentType);
    return o.registry.metrics();
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const browser = await o.browsers.healthy();
    if (!browser) reply.code(503);
    return { status: browser ? 'ready' : 'browser down', probes: o.scheduler.specs.length };
  });
  app.get('/probes', async () => [...o.scheduler.last.values()]);
  app.post<{ Body: { target?: string; flow?: string } | undefined }>('/probes/run', async (req) => {
    const body = req.body ?? {};
    const results = await o.scheduler.runNow({ target: body.target, flow: body.flow });
    return { success: results.every((r) => r.success), results };
  });
  return app;
}
