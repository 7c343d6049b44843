import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Replica } from '../replica/replica.js';
import { callPlugin } from './api/call.js';
import { registerApiCors } from './api/cors.js';
import { queryPlugin } from './api/query.js';
import { readStatePlugin } from './api/read-state.js';
import { statusPlugin } from './api/status.js';

/** The IC refuses request bodies over 2 MiB with 413. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ApiAppOptions {
  replica: Replica;
  /** A pino logger for one JSON line per request; undefined = silent. */
  logger?: FastifyBaseLogger;
  /** Registers extra routes (the HTTP gateway) next to /api. */
  extra?: (app: FastifyInstance) => Promise<void> | void;
  syncCallTimeoutMs?: number;
}

/** The public IC HTTP interface (/api/v2, /api/v3) as a Fastify app, served on every hostname. */
export async function buildApiApp(options: ApiAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: MAX_BODY_BYTES,
    // Hostnames like <canister-id>.localhost carry the canister; keep them as sent.
    trustProxy: false,
  });
  registerApiCors(app);
  // Set before the plugins so every encapsulated context inherits it.
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413)
      return reply
        .code(413)
        .type('text/plain')
        .send(`Request body is too large: the limit is ${MAX_BODY_BYTES} bytes.`);
    if (status >= 500) app.log.error(error);
    return reply.code(status).type('text/plain').send(error.message);
  });
  await app.register(async (api) => {
    api.addContentTypeParser(
      'application/cbor',
      { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
      (_req, body, done) => done(null, new Uint8Array(body as Buffer)),
    );
    // The agent always sends application/cbor; anything else is still read as bytes so it gets the IC's 400.
    api.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
      (_req, body, done) => done(null, new Uint8Array(body as Buffer)),
    );
    const ctx = { replica: options.replica, syncCallTimeoutMs: options.syncCallTimeoutMs };
    await api.register(statusPlugin, ctx);
    await api.register(callPlugin, ctx);
    await api.register(queryPlugin, ctx);
    await api.register(readStatePlugin, ctx);
  });
  if (options.extra) await options.extra(app);
  return app;
}
