import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import type { FastifyPluginAsync } from 'fastify';
import { authenticateRequest, parseEffectiveId } from './authenticate-request.js';
import type { ApiContext } from './context.js';

/** POST /api/v2/canister/<ecid>/query: runs the query and answers with a node-signed reply. */
export const queryPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const { replica } = ctx;
  app.post<{ Params: { ecid: string } }>('/api/v2/canister/:ecid/query', async (request, reply) => {
    const ecid = parseEffectiveId(request.params.ecid, reply);
    if (!ecid) return reply;
    const auth = await authenticateRequest(replica, request.body, 'query', ecid, reply);
    if (!auth) return reply;
    const content = auth.envelope.content;
    const canisterId = Principal.fromUint8Array(content.canister_id!);
    if (canisterId.toText() !== ecid.toText()) {
      return reply
        .code(400)
        .type('text/plain')
        .send(
          `Specified CanisterId ${canisterId.toText()} does not match effective canister id in URL ${ecid.toText()}`,
        );
    }
    const method = content.method_name!;
    const result = replica.query(canisterId, method, content.arg!, auth.sender);
    // The "request completed" log line carries what the query cost.
    if (result.instructions !== undefined)
      reply.log = reply.log.child({
        canister: canisterId.toText(),
        method,
        instructions: Number(result.instructions),
      });
    const body = replica.state.signQueryResponse(auth.requestId, result);
    return reply.type('application/cbor').send(Buffer.from(encodeWithSelfDescribedTag(body)));
  });
};
