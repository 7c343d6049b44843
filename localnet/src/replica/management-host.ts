import type { Principal } from '@dfinity/principal';
import type { ExecutionResult, InstructionLimits, MessageKind } from '../wasm/index.js';
import type { Canister } from './canister.js';
import type { Clock } from './clock.js';

/**
 * What the management canister (management.ts) and install_code (install-code.ts) need from the
 * replica. The Replica implements it; they depend on this interface only, never on the Replica.
 */
export interface ManagementHost {
  readonly clock: Clock;
  readonly instructionLimits: Readonly<InstructionLimits>;
  getCanister(id: Principal | string): Canister | undefined;
  /** Creates a canister, at `specifiedId` when given; throws ReplicaError when that id is taken. */
  createCanister(controllers: Principal[], cycles?: bigint, specifiedId?: Principal): Canister;
  deleteCanister(canister: Canister): void;
  /** Marks a canister's certified fields for the next round. */
  markDirty(canister: Canister): void;
  /** Reports an install hook (init, pre_upgrade, post_upgrade) as an executed message. */
  recordExecution(
    canister: Canister,
    method: string,
    kind: MessageKind,
    result: ExecutionResult,
  ): void;
  /** Runs a global timer right away if due (after install_code reset, for instance). */
  scheduleTimers(): void;
}
