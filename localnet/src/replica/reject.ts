import type { Principal } from '@dfinity/principal';

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
} as const;

/** The replica's help line: a suggestion and the anchor of its execution-errors documentation. */
export const errorHelp = (suggestion: string, anchor: string): string =>
  `${suggestion} See documentation: https://internetcomputer.org/docs/current/references/execution-errors#${anchor}`;

/**
 * The replica's words for a management call from a principal that does not control the canister
 * (CanisterManagerError::CanisterInvalidController, IC0512); controllers sorted as the replica's
 * set of principals is.
 */
export function invalidControllerMessage(
  canister: { idText: string; controllers: Principal[] },
  caller: Principal,
): string {
  const controllers = [...canister.controllers]
    .sort((a, b) => Buffer.compare(Buffer.from(a.toUint8Array()), Buffer.from(b.toUint8Array())))
    .map((p) => p.toText())
    .join(' ');
  return (
    `Only the controllers of the canister ${canister.idText} can control it.\n` +
    `Canister's controllers: ${controllers}\n` +
    `Sender's ID: ${caller.toText()}\n` +
    errorHelp(
      'Execute this call from a controller of the target canister or add the current caller as a controller.',
      'invalid-controller',
    )
  );
}
