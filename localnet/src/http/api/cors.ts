import type { FastifyInstance } from 'fastify';

/**
 * CORS on /api, as the IC's boundary nodes answer it: any origin may call the API (a page on
 * identity.ic0.app calls https://ic0.app/api/…, another origin), including the preflight that a
 * POST with `Content-Type: application/cbor` needs. Without this a browser refuses the call.
 */
const HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, HEAD, OPTIONS',
  'access-control-allow-headers': 'Content-Type, X-Requested-With, Cache-Control',
  'access-control-expose-headers': 'Content-Length, X-Request-Id',
  'access-control-max-age': '7200',
};

export function registerApiCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    void reply.headers(HEADERS);
    if (request.method === 'OPTIONS') {
      return reply.code(204).send();
    }
  });
}
