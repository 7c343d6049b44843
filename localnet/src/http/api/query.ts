import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { authenticateRequest, parseEffectiveId } from './authenticate-request.js';
import { bytesEqual } from '../../bytes.js';
import type { ApiContext } from './context.js';

/**
 * Whether the request log is on: without it (Fastify's null logger has no isLevelEnabled) the
 * child logger's principal text would be computed for nothing on every query.
 */
const logsRequests = (reply: FastifyReply): boolean =>
  (reply.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') ?? false;

/**
 * POST /api/v2/canister/<ecid>/query and /api/v3/canister/<ecid>/query (the same request and
 * reply; v3 is the current name, v2 deprecated since interface spec 0.50): runs the query and
 * answers with a node-signed reply.
 */
export const queryPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const { replica } = ctx;
  const handler = async (
    request: { params: { ecid: string }; body: unknown },
    reply: FastifyReply,
  ) => {
    const ecid = parseEffectiveId(request.params.ecid, reply);
    if (!ecid) return reply;
    const auth = await authenticateRequest(replica, request.body, 'query', ecid, reply);
    if (!auth) return reply;
    const content = auth.envelope.content;
    if (!bytesEqual(content.canister_id!, ecid.toUint8Array())) {
      return reply
        .code(400)
        .type('text/plain')
        .send(
          `Specified CanisterId ${Principal.fromUint8Array(content.canister_id!).toText()} does not match effective canister id in URL ${ecid.toText()}`,
        );
    }
    const method = content.method_name!;
    // The effective id object (cached by its URL text) is the canister's id from here on.
    const result = replica.query(ecid, method, content.arg!, auth.sender);
    // The "request completed" log line carries what the query cost.
    if (result.instructions !== undefined && logsRequests(reply))
      reply.log = reply.log.child({
        canister: ecid.toText(),
        method,
        instructions: Number(result.instructions),
      });
    const body = await replica.state.signQueryResponseAsync(auth.requestId, result);
    return reply.type('application/cbor').send(Buffer.from(encodeWithSelfDescribedTag(body)));
  };
  app.post<{ Params: { ecid: string } }>('/api/v2/canister/:ecid/query', handler);
  app.post<{ Params: { ecid: string } }>('/api/v3/canister/:ecid/query', handler);
};
