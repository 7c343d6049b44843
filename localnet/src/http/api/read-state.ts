import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import type { FastifyPluginAsync } from 'fastify';
import { moduleMetadata } from '../../replica/module-metadata.js';
import type { Replica } from '../../replica/replica.js';
import { authenticateRequest, parseEffectiveId } from './authenticate-request.js';
import type { ApiContext } from './context.js';
import type { FastifyReply } from 'fastify';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

interface Refusal {
  status: 400 | 403 | 404;
  message: string;
}

/**
 * The IC's read_state rules: only certain paths may be read, canister paths only for the effective
 * canister, request statuses only by their sender (and one request id per call), private metadata
 * only by controllers.
 */
export function checkPaths(
  replica: Replica,
  paths: Uint8Array[][],
  ecid: Principal,
  sender: Principal,
): Refusal | undefined {
  let requestId: string | undefined;
  for (const path of paths) {
    if (path.length === 0) continue;
    const head = text(path[0]!);
    switch (head) {
      case 'time':
      case 'subnet':
      case 'api_boundary_nodes':
        break;
      case 'request_status': {
        if (path.length < 2) break;
        const rid = hex(path[1]!);
        if (requestId !== undefined && rid !== requestId) {
          return {
            status: 400,
            message: 'Can only request a single request ID in request_status paths.',
          };
        }
        requestId = rid;
        const known = replica.requests.get(rid);
        if (known && known.sender.toText() !== sender.toText()) {
          return {
            status: 403,
            message: `Request IDs must be for requests signed by the caller (${sender.toText()}).`,
          };
        }
        break;
      }
      case 'canister': {
        if (path.length < 3) return { status: 404, message: 'Invalid path requested.' };
        let id: Principal;
        try {
          id = Principal.fromUint8Array(path[1]!);
        } catch {
          return { status: 400, message: 'Invalid canister id in path.' };
        }
        if (id.toText() !== ecid.toText()) {
          return {
            status: 400,
            message: `Effective canister id in URL ${ecid.toText()} does not match requested canister id: ${id.toText()}.`,
          };
        }
        const leaf = text(path[2]!);
        if (leaf === 'metadata' && path.length >= 4) {
          const canister = replica.getCanister(id);
          const name = text(path[3]!);
          const isPrivate = canister?.module
            ? moduleMetadata(canister.module.wasm).some(
                (m) => m.name === name && m.visibility === 'private',
              )
            : false;
          if (isPrivate && !(canister && replica.isController(canister, sender))) {
            return {
              status: 403,
              message: `Custom section ${name} can only be requested by the controllers of the canister.`,
            };
          }
        } else if (leaf !== 'module_hash' && leaf !== 'controllers') {
          return { status: 404, message: 'Invalid path requested.' };
        }
        break;
      }
      default:
        return { status: 404, message: 'Invalid path requested.' };
    }
  }
  return undefined;
}

/** POST /api/v2/canister/<ecid>/read_state: a certificate revealing the requested paths. */
export const readStatePlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const { replica } = ctx;
  const handler = async (
    request: { params: { ecid: string }; body: unknown },
    reply: FastifyReply,
  ) => {
    const ecid = parseEffectiveId(request.params.ecid, reply);
    if (!ecid) return reply;
    const auth = await authenticateRequest(replica, request.body, 'read_state', ecid, reply);
    if (!auth) return reply;
    const paths = auth.envelope.content.paths!;
    const refusal = checkPaths(replica, paths, ecid, auth.sender);
    if (refusal) return reply.code(refusal.status).type('text/plain').send(refusal.message);
    replica.refreshTime();
    const certificate = replica.state.certificate([['time'], ...paths]);
    return reply
      .type('application/cbor')
      .send(Buffer.from(encodeWithSelfDescribedTag({ certificate })));
  };
  app.post<{ Params: { ecid: string } }>('/api/v2/canister/:ecid/read_state', handler);
  app.post<{ Params: { ecid: string } }>('/api/v2/subnet/:ecid/read_state', handler);
};
