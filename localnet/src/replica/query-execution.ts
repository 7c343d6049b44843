import type { Principal } from '@dfinity/principal';
import type { Canister } from './canister.js';
import type { MessageExecutor } from './message-execution.js';
import { type CallResult, RejectCode, reject, rejects } from './reject.js';
import type { CertifiedState } from './certified-state.js';

/** A query's outcome and the instructions it executed. */
export type QueryResult = CallResult & { instructions?: bigint };

/**
 * Runs a query (non-replicated) on `canister` (undefined: not on the subnet): its state changes are
 * discarded; it can read the canister's data certificate.
 */
export function executeQuery(
  executor: MessageExecutor,
  state: CertifiedState,
  canister: Canister | undefined,
  canisterId: Principal,
  method: string,
  arg: Uint8Array,
  caller: Principal,
): QueryResult {
  if (!canister) return rejects.canisterNotFound(canisterId.toText());
  if (!canister.module) return rejects.canisterEmpty(canister.idText);
  if (canister.status !== 'running') {
    return canister.status === 'stopped'
      ? rejects.canisterStopped(canister.idText)
      : rejects.canisterStopping(canister.idText);
  }
  const iface = canister.module.runtime.interface;
  const isQuery = iface.queries.includes(method) || iface.compositeQueries.includes(method);
  if (!isQuery) return rejects.methodNotFound(canister.idText, 'query', method);
  const entry = iface.queries.includes(method)
    ? `canister_query ${method}`
    : `canister_composite_query ${method}`;
  const ctx = executor.context(canister, caller.toUint8Array(), method, arg, 0n);
  ctx.replicated = false;
  // Built only if the canister asks for it (a witness and its CBOR), then kept for the message.
  let certificate: Uint8Array | undefined;
  ctx.certificate = () => (certificate ??= state.dataCertificate(canister.id));
  const result = executor.execute(canister, 'query', entry, ctx);
  executor.log(canister, result);
  const instructions = result.instructions;
  if (result.trap)
    return {
      ...reject(RejectCode.CanisterError, result.trap.errorCode, result.trap.message),
      instructions,
    };
  if (result.reply) return { kind: 'reply', data: result.reply, instructions };
  if (result.reject !== undefined)
    return { ...reject(RejectCode.CanisterReject, 'IC0406', result.reject), instructions };
  // Composite queries' outgoing calls are not supported by localnet.
  if (result.calls.length > 0)
    return {
      ...reject(
        RejectCode.CanisterError,
        'IC0504',
        `Error from Canister ${canister.idText}: composite query calls are not supported by localnet`,
      ),
      instructions,
    };
  return { ...rejects.didNotReply(canister.idText), instructions };
}
