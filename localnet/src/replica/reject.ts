/**
 * Reject codes and error codes as the IC reports them (interface spec "Reject codes"; replica
 * error codes such as IC0503). One table, so every path answers in the same words.
 */
export const RejectCode = {
  SysFatal: 1,
  SysTransient: 2,
  DestinationInvalid: 3,
  CanisterReject: 4,
  CanisterError: 5,
  SysUnknown: 6,
} as const;
export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];

/** A call's final outcome, as stored in request_status and delivered to callbacks. */
export type CallResult =
  | { kind: 'reply'; data: Uint8Array }
  | { kind: 'reject'; code: RejectCode; message: string; errorCode?: string };

export function reject(code: RejectCode, errorCode: string, message: string): CallResult {
  return { kind: 'reject', code, message, errorCode };
}

export const rejects = {
  canisterNotFound: (id: string) =>
    reject(RejectCode.DestinationInvalid, 'IC0301', `Canister ${id} not found`),
  canisterEmpty: (id: string) =>
    reject(
      RejectCode.DestinationInvalid,
      'IC0537',
      `Error from Canister ${id}: Attempted to execute a message, but the canister contains no Wasm module.`,
    ),
  methodNotFound: (id: string, kind: string, method: string) =>
    reject(
      RejectCode.DestinationInvalid,
      'IC0536',
      `Error from Canister ${id}: Canister has no ${kind} method '${method}'.`,
    ),
  canisterStopped: (id: string) =>
    reject(RejectCode.CanisterError, 'IC0508', `Canister ${id} is stopped`),
  canisterStopping: (id: string) =>
    reject(RejectCode.CanisterError, 'IC0509', `Canister ${id} is stopping`),
  didNotReply: (id: string) =>
    reject(
      RejectCode.CanisterError,
      'IC0506',
      `Error from Canister ${id}: Canister did not reply to the call.`,
    ),
  notController: (id: string, method: string, caller: string) =>
    reject(
      RejectCode.CanisterError,
      'IC0512',
      `Only the controllers of the canister ${id} can control it. Canister's controllers: see canister_status. Sender's ID: ${caller} (method ${method})`,
    ),
} as const;
