import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import type { FastifyPluginAsync } from 'fastify';
import type { ApiContext } from './context.js';

/** GET /api/v2/status: the root key agents fetch with `fetchRootKey()`. */
export const statusPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  app.get('/api/v2/status', async (_request, reply) => {
    const body = encodeWithSelfDescribedTag({
      ic_api_version: '0.18.0',
      impl_version: 'localnet-0.1.0',
      replica_health_status: 'healthy',
      root_key: ctx.replica.state.rootKeyDer,
    });
    return reply.type('application/cbor').send(Buffer.from(body));
  });
};
