/** Errors of the wasm runtime: traps (reported in ExecutionResult) and misuse by the caller (thrown). */
import { LocalnetError, type WASM_ERRORS } from '../errors.js';
import type { Trap } from './types.js';

type WasmErrorCode = keyof typeof WASM_ERRORS;

const TRAP_HELP =
  'Consider gracefully handling failures from this canister or altering the canister to handle exceptions. See documentation: https://internetcomputer.org/docs/current/references/execution-errors';
const LIMIT_HELP =
  'Try optimizing this method to consume fewer instructions or split the work across multiple messages. See documentation: https://internetcomputer.org/docs/current/references/execution-errors#instruction-limit-exceeded';
const CONTRACT_HELP =
  'This is likely an error with the compiler/CDK toolchain being used to build the canister. Please report the error to IC devs on the forum: https://forum.dfinity.org and include which language/CDK was used to create the canister.';

type HostTrapKind = 'called_trap' | 'trapped' | 'contract_violation' | 'instruction_limit';

const HOST_TRAP_CODES: Record<HostTrapKind, WasmErrorCode> = {
  called_trap: 'II_ERR_WASM_CALLED_TRAP',
  trapped: 'II_ERR_WASM_TRAPPED',
  contract_violation: 'II_ERR_WASM_CONTRACT_VIOLATION',
  instruction_limit: 'II_ERR_WASM_INSTRUCTION_LIMIT',
};

/** Thrown by the host inside a message (through the wasm frames) to make the message trap. */
export class HostTrap extends LocalnetError {
  declare readonly code: WasmErrorCode;

  constructor(
    readonly kind: HostTrapKind,
    readonly reason: string,
  ) {
    super(HOST_TRAP_CODES[kind], reason);
    this.name = 'HostTrap';
  }
}

/** ic0.trap was called (IC0503). */
export const calledTrap = (message: string): HostTrap => new HostTrap('called_trap', message);
/** A System API call broke the interface contract (IC0504), e.g. msg_reply twice or an API unavailable here. */
export const contractViolation = (message: string): HostTrap =>
  new HostTrap('contract_violation', message);
/** The canister trapped for a reason detected by the host (IC0502). */
export const trapped = (reason: string): HostTrap => new HostTrap('trapped', reason);
/** A host call found the message's instruction budget spent (IC0522; the runtime words it). */
export const instructionLimitExceeded = (): HostTrap =>
  new HostTrap('instruction_limit', 'instruction limit exceeded');

/** A start function went over its limit while a module was loaded (install_code reports IC0522). */
export const isInstructionLimitError = (e: unknown): boolean =>
  e instanceof HostTrap && e.kind === 'instruction_limit';

/**
 * IC0522 as the replica words it: HypervisorError::InstructionLimitExceeded ends in a period and
 * into_user_error adds another before the help line, hence "execution..".
 */
export function limitTrap(canisterIdText: string, limit: bigint): Trap {
  return {
    errorCode: 'IC0522',
    message: `Error from Canister ${canisterIdText}: Canister exceeded the limit of ${limit} instructions for single message execution..\n${LIMIT_HELP}`,
  };
}

/** The runtime was used wrongly (unknown entry point, bad snapshot, ...): a bug in the caller, not a trap. */
export class RuntimeUsageError extends LocalnetError {
  declare readonly code: 'II_ERR_WASM_RUNTIME_USAGE';

  constructor(message: string) {
    super('II_ERR_WASM_RUNTIME_USAGE', message);
    this.name = 'RuntimeUsageError';
  }
}

/** The module cannot be loaded (not wasm, imports the host does not provide, ...). */
export class InvalidModuleError extends LocalnetError {
  declare readonly code: 'II_ERR_WASM_INVALID_MODULE';

  constructor(message: string) {
    super('II_ERR_WASM_INVALID_MODULE', message);
    this.name = 'InvalidModuleError';
  }
}

/** The wasm binary is malformed where localnet reads or rewrites it (sections, LEB128, code). */
export class WasmParseError extends LocalnetError {
  declare readonly code: 'II_ERR_WASM_PARSE';

  constructor(message: string) {
    super('II_ERR_WASM_PARSE', `invalid wasm module: ${message}`);
    this.name = 'WasmParseError';
  }
}

/** Stable memory refused an access, a transaction step or a (de)serialization. */
export class StableMemoryError extends LocalnetError {
  declare readonly code: 'II_ERR_WASM_STABLE_MEMORY';

  constructor(message: string) {
    super('II_ERR_WASM_STABLE_MEMORY', message);
    this.name = 'StableMemoryError';
  }
}

// V8's wording of wasm traps -> the IC's (wasmtime) trap code wording.
const WASM_TRAPS: [RegExp, string][] = [
  [/unreachable/i, 'unreachable'],
  [/memory access out of bounds/i, 'heap out of bounds'],
  [/divide by zero|remainder by zero/i, 'integer division by 0'],
  [/integer overflow|float unrepresentable/i, 'integer overflow'],
  [/table index is out of bounds|table out of bounds/i, 'table out of bounds'],
  [/signature mismatch|null function/i, 'indirect call signature mismatch'],
  [/call stack size exceeded/i, 'stack overflow'],
];

function wasmTrapReason(err: Error): string {
  for (const [re, reason] of WASM_TRAPS) if (re.test(err.message)) return reason;
  return `host error: ${err.message}`;
}

/** Converts anything thrown during a message into the IC's reject code and message. */
export function toTrap(err: unknown, canisterIdText: string): Trap {
  const prefix = `Error from Canister ${canisterIdText}: `;
  if (err instanceof HostTrap) {
    if (err.kind === 'called_trap') {
      return {
        errorCode: 'IC0503',
        message: `${prefix}Canister called \`ic0.trap\` with message: '${err.reason}'.\n${TRAP_HELP}#trapped-explicitly`,
      };
    }
    if (err.kind === 'contract_violation') {
      return {
        errorCode: 'IC0504',
        message: `${prefix}Canister violated contract: ${err.reason}.\n${CONTRACT_HELP}`,
      };
    }
    return {
      errorCode: 'IC0502',
      message: `${prefix}Canister trapped: ${err.reason}.\n${TRAP_HELP}#trapped`,
    };
  }
  const reason = err instanceof Error ? wasmTrapReason(err) : `host error: ${String(err)}`;
  return {
    errorCode: 'IC0502',
    message: `${prefix}Canister trapped: ${reason}.\n${TRAP_HELP}#trapped`,
  };
}
