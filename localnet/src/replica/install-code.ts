import type { Principal } from '@dfinity/principal';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  CanisterRuntime,
  StableMemory,
  isInstructionLimitError,
  limitTrap,
} from '../wasm/index.js';
import type { ExecutionResult, MessageContext } from '../wasm/index.js';
import type { Canister } from './canister.js';
import { ReplicaError } from './errors.js';
import type { ManagementHost } from './management-host.js';
import { RejectCode } from './reject.js';

export type InstallMode =
  { kind: 'install' } | { kind: 'reinstall' } | { kind: 'upgrade'; skipPreUpgrade: boolean };

/** Raw wasm may be at most this large once un-gzipped (the IC's limit for a decompressed module). */
const MAX_WASM_BYTES = 100 * 1024 * 1024;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Un-gzips when the bytes are gzip; checks the wasm magic. */
export function decodeWasmModule(bytes: Uint8Array): Uint8Array {
  let wasm = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      wasm = new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_WASM_BYTES }));
    } catch (error) {
      throw invalid(`Failed to decompress the gzipped module: ${(error as Error).message}`);
    }
  }
  if (!WASM_MAGIC.every((b, i) => wasm[i] === b))
    throw invalid('The module is neither a Wasm module nor gzipped Wasm');
  return wasm;
}

function invalid(reason: string): ReplicaError {
  return new ReplicaError(
    `Error from Canister: Wasm module is not valid: ${reason}`,
    RejectCode.CanisterError,
    'IC0505',
  );
}

/** A module that cannot be loaded: invalid, or its start function ran over the install limit. */
function loadFailed(host: ManagementHost, canister: Canister, error: unknown): ReplicaError {
  if (!isInstructionLimitError(error)) return invalid((error as Error).message);
  const trap = limitTrap(canister.idText, host.instructionLimits.install);
  return new ReplicaError(
    `${trap.message} (during the start function of canister ${canister.idText})`,
    RejectCode.CanisterError,
    trap.errorCode,
  );
}

function trapped(canister: Canister, hook: string, result: ExecutionResult): ReplicaError {
  const message = result.trap!.message;
  return new ReplicaError(
    `${message} (during ${hook} of canister ${canister.idText})`,
    RejectCode.CanisterError,
    result.trap!.errorCode,
  );
}

/**
 * The context of canister_init, pre_upgrade or post_upgrade. They share one install_code
 * instruction limit: `usedBefore` is what pre_upgrade already used when post_upgrade runs.
 */
function hookContext(
  host: ManagementHost,
  canister: Canister,
  caller: Principal,
  arg: Uint8Array,
  usedBefore = 0n,
): MessageContext {
  return {
    canisterId: canister.id.toUint8Array(),
    caller: caller.toUint8Array(),
    methodName: '',
    arg,
    time: host.clock.canisterTime(),
    replicated: true,
    controllers: canister.controllers.map((c) => c.toUint8Array()),
    canisterVersion: canister.version + 1n,
    cyclesBalance: canister.cycles,
    cyclesAvailable: 0n,
    cyclesRefunded: 0n,
    globalTimer: 0n,
    instructionLimit: host.instructionLimits.install,
    instructionsUsedBefore: usedBefore,
  };
}

/**
 * install_code in its three modes, atomically: when init, pre_upgrade or post_upgrade traps, the
 * canister keeps exactly the module, heap and stable memory it had before.
 */
export async function installCode(
  host: ManagementHost,
  canister: Canister,
  mode: InstallMode,
  submitted: Uint8Array,
  arg: Uint8Array,
  caller: Principal,
): Promise<void> {
  const wasm = decodeWasmModule(submitted);
  const hash = new Uint8Array(createHash('sha256').update(submitted).digest());
  if (mode.kind === 'install' && canister.module) {
    throw new ReplicaError(
      `Canister ${canister.idText} cannot be installed because the canister is not empty. Try installing with mode='reinstall' instead.`,
      RejectCode.CanisterError,
      'IC0538',
    );
  }
  if (mode.kind === 'upgrade' && !canister.module) {
    throw new ReplicaError(
      `Canister ${canister.idText} is empty: there is no module to upgrade.`,
      RejectCode.CanisterError,
      'IC0537',
    );
  }

  let runtime: CanisterRuntime;
  let certifiedData: Uint8Array = new Uint8Array(0);
  const startInstructionLimit = host.instructionLimits.install;
  if (mode.kind === 'upgrade') {
    const old = canister.module!.runtime;
    const before = old.snapshot();
    let preUpgradeInstructions = 0n;
    if (old.interface.hasPreUpgrade && !mode.skipPreUpgrade) {
      const pre = old.execute(
        'pre_upgrade',
        'canister_pre_upgrade',
        hookContext(host, canister, caller, new Uint8Array(0)),
      );
      host.recordExecution(canister, 'canister_pre_upgrade', 'pre_upgrade', pre);
      if (pre.trap) {
        old.restore(before);
        throw trapped(canister, 'canister_pre_upgrade', pre);
      }
      preUpgradeInstructions = pre.instructions;
    }
    // The new module starts on a fresh heap over the same stable memory (a copy, so a failed
    // post_upgrade leaves the old module's stable memory untouched).
    try {
      runtime = await CanisterRuntime.load(wasm, {
        stable: old.stable.clone(),
        startInstructionLimit,
      });
    } catch (error) {
      old.restore(before);
      throw loadFailed(host, canister, error);
    }
    certifiedData = canister.certifiedData;
    if (runtime.interface.hasPostUpgrade) {
      const post = runtime.execute(
        'post_upgrade',
        'canister_post_upgrade',
        hookContext(host, canister, caller, arg, preUpgradeInstructions),
      );
      host.recordExecution(canister, 'canister_post_upgrade', 'post_upgrade', post);
      if (post.trap) {
        old.restore(before);
        throw trapped(canister, 'canister_post_upgrade', post);
      }
      if (post.certifiedData) certifiedData = post.certifiedData;
      finish(host, canister, runtime, wasm, hash, certifiedData, post.globalTimer);
      return;
    }
    finish(host, canister, runtime, wasm, hash, certifiedData, undefined);
    return;
  }

  try {
    runtime = await CanisterRuntime.load(wasm, {
      stable: new StableMemory(),
      startInstructionLimit,
    });
  } catch (error) {
    throw loadFailed(host, canister, error);
  }
  let timer: bigint | undefined;
  if (runtime.interface.hasInit) {
    const init = runtime.execute('init', 'canister_init', hookContext(host, canister, caller, arg));
    host.recordExecution(canister, 'canister_init', 'init', init);
    if (init.trap) throw trapped(canister, 'canister_init', init);
    if (init.certifiedData) certifiedData = init.certifiedData;
    timer = init.globalTimer;
  }
  finish(host, canister, runtime, wasm, hash, certifiedData, timer);
}

function finish(
  host: ManagementHost,
  canister: Canister,
  runtime: CanisterRuntime,
  wasm: Uint8Array,
  hash: Uint8Array,
  certifiedData: Uint8Array,
  timer: bigint | undefined,
): void {
  canister.module = { wasm, hash, runtime };
  canister.certifiedData = certifiedData;
  // install_code deactivates the global timer; only a timer the new code set survives.
  canister.globalTimer = timer ?? 0n;
  canister.version++;
  host.markDirty(canister);
  host.scheduleTimers();
}
