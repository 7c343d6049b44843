import { IDL } from '@dfinity/candid';
import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { isManagementCanister } from '../../replica/ids.js';
import { managementMethods } from '../../replica/management-idl.js';
import { authenticateRequest, parseEffectiveId } from './authenticate-request.js';
import type { ApiContext } from './context.js';

interface Params {
  ecid: string;
}

/**
 * For a call to the management canister the IC routes by the canister named in the argument: it
 * must match the effective canister id of the URL (provisional creation may use any id).
 */
function managementTarget(method: string, arg: Uint8Array): Principal | undefined {
  const func = managementMethods[method as keyof typeof managementMethods];
  if (!func) return undefined;
  try {
    const [first] = IDL.decode(func.argTypes, arg) as [Record<string, unknown> | undefined];
    const id = first?.canister_id ?? first?.target_canister;
    return id instanceof Principal ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Management methods the IC's ingress filter (should_accept_ingress_message) admits only from a
 * controller of the target canister: anyone else gets HTTP 403 before the message is inducted.
 */
const CONTROLLER_ONLY_INGRESS = new Set([
  'install_code',
  'install_chunked_code',
  'uninstall_code',
  'canister_status',
  'update_settings',
  'start_canister',
  'stop_canister',
  'delete_canister',
  'upload_chunk',
  'clear_chunk_store',
  'stored_chunks',
]);

function sendText(reply: FastifyReply, status: number, text: string) {
  return reply.code(status).type('text/plain').send(text);
}

/** POST /api/v2/canister/<ecid>/call (202, then polling) and /api/v3/… (synchronous, certified). */
export const callPlugin: FastifyPluginAsync<ApiContext> = async (app, ctx) => {
  const { replica } = ctx;
  const handle =
    (sync: boolean) => async (request: { params: Params; body: unknown }, reply: FastifyReply) => {
      const ecid = parseEffectiveId(request.params.ecid, reply);
      if (!ecid) return reply;
      const auth = await authenticateRequest(replica, request.body, 'call', ecid, reply);
      if (!auth) return reply;
      const content = auth.envelope.content;
      const canisterId = Principal.fromUint8Array(content.canister_id!);
      const method = content.method_name!;
      const arg = content.arg!;
      if (isManagementCanister(canisterId)) {
        const targetId = managementTarget(method, arg);
        if (targetId && targetId.toText() !== ecid.toText()) {
          return sendText(
            reply,
            400,
            `Specified CanisterId ${targetId.toText()} does not match effective canister id in URL ${ecid.toText()}`,
          );
        }
        const target =
          targetId && CONTROLLER_ONLY_INGRESS.has(method)
            ? replica.getCanister(targetId)
            : undefined;
        if (target && !replica.isController(target, auth.sender)) {
          return sendText(
            reply,
            403,
            `Only controllers of canister ${target.idText} can call ic00 method ${method}`,
          );
        }
      } else {
        if (canisterId.toText() !== ecid.toText()) {
          return sendText(
            reply,
            400,
            `Specified CanisterId ${canisterId.toText()} does not match effective canister id in URL ${ecid.toText()}`,
          );
        }
        if (!replica.getCanister(canisterId))
          return sendText(reply, 400, `Canister ${canisterId.toText()} not found`);
      }
      replica.submit({
        requestId: auth.requestId,
        sender: auth.sender,
        canisterId,
        method,
        arg,
        expiry: auth.expiry,
      });
      if (!sync) return reply.code(202).send();
      const certified = await replica.waitForCertified(
        auth.requestId,
        ctx.syncCallTimeoutMs ?? 10_000,
      );
      // As on the IC: when the reply is not ready in time the client falls back to polling.
      if (!certified) return reply.code(202).send();
      // The "request completed" log line carries what the call cost the canister (every message
      // of its call context up to the response). A v2 call answers 202 before it runs, so not there.
      const instructions = replica.instructionsOf(auth.requestId);
      if (instructions !== undefined)
        reply.log = reply.log.child({
          canister: canisterId.toText(),
          method,
          instructions: Number(instructions),
        });
      const certificate = replica.state.certificate([['time'], ['request_status', auth.requestId]]);
      return reply
        .type('application/cbor')
        .send(Buffer.from(encodeWithSelfDescribedTag({ status: 'replied', certificate })));
    };
  app.post<{ Params: Params }>('/api/v2/canister/:ecid/call', handle(false));
  app.post<{ Params: Params }>('/api/v3/canister/:ecid/call', handle(true));
};
