/**
 * What tools need from the management canister and from `read_state`: install or upgrade (in
 * chunks when the module is over the ingress limit), status, snapshots, and what the IC certifies
 * about any canister (module hash, controllers, time), readable by anyone.
 */
import { type Agent, CanisterStatus } from '@dfinity/agent';
import { ICManagementCanister, type chunk_hash } from '@dfinity/ic-management';
import { Principal } from '@dfinity/principal';

export type InstallMode = 'install' | 'reinstall' | 'upgrade';

/** Modules above this go through the chunk store (the ingress message limit is 2 MiB). */
export const SINGLE_MESSAGE_LIMIT = 2 * 1024 * 1024 - 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export function management(agent: Agent): ICManagementCanister {
  return ICManagementCanister.create({ agent });
}

const modeArg = (mode: InstallMode) =>
  mode === 'install'
    ? { install: null }
    : mode === 'reinstall'
      ? { reinstall: null }
      : { upgrade: [{ skip_pre_upgrade: [], wasm_memory_persistence: [] }] as [] | [never] };

export interface InstallParams {
  canisterId: string;
  wasm: Uint8Array;
  arg: Uint8Array;
  mode: InstallMode;
  /** Called after each uploaded chunk, for progress output. */
  onChunk?: (uploaded: number, total: number) => void;
}

/** Installs, reinstalls or upgrades; modules over SINGLE_MESSAGE_LIMIT are uploaded in chunks. */
export async function installWasm(agent: Agent, params: InstallParams): Promise<void> {
  const ic = management(agent);
  const canisterId = Principal.fromText(params.canisterId);
  const mode = modeArg(params.mode) as never;
  if (params.wasm.length <= SINGLE_MESSAGE_LIMIT) {
    await ic.installCode({ canisterId, wasmModule: params.wasm, arg: params.arg, mode });
    return;
  }
  await ic.clearChunkStore({ canisterId });
  const chunks: chunk_hash[] = [];
  const total = Math.ceil(params.wasm.length / CHUNK_BYTES);
  for (let i = 0; i < total; i++) {
    const chunk = params.wasm.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES);
    chunks.push(await ic.uploadChunk({ canisterId, chunk }));
    params.onChunk?.(i + 1, total);
  }
  // A fresh ArrayBuffer-backed copy: Web Crypto takes no SharedArrayBuffer view.
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(params.wasm)));
  await ic.installChunkedCode({
    targetCanisterId: canisterId,
    chunkHashesList: chunks,
    wasmModuleHash: digest,
    arg: params.arg,
    mode,
  });
  await ic.clearChunkStore({ canisterId });
}

export interface CertifiedCanisterInfo {
  /** Hex sha256 of the installed module, null when none is installed. */
  moduleHash: string | null;
  controllers: string[];
}

/** Module hash and controllers, as the IC certifies them (`read_state`; needs no control). */
export async function canisterInfo(
  agent: Agent,
  canisterId: string,
): Promise<CertifiedCanisterInfo> {
  const status = await CanisterStatus.request({
    agent: agent as never,
    canisterId: Principal.fromText(canisterId),
    paths: ['module_hash', 'controllers'],
  });
  const hash = status.get('module_hash');
  const controllers = status.get('controllers');
  return {
    moduleHash: typeof hash === 'string' ? hash : null,
    controllers: Array.isArray(controllers)
      ? controllers.map((p) => (p as Principal).toText())
      : [],
  };
}

/** The IC's certified time for the subnet of `canisterId`. */
export async function certifiedTime(agent: Agent, canisterId: string): Promise<Date> {
  const status = await CanisterStatus.request({
    agent: agent as never,
    canisterId: Principal.fromText(canisterId),
    paths: ['time'],
  });
  return status.get('time') as Date;
}
