/**
 * Patches, instruments (instrument.ts) and compiles canister modules once per distinct wasm (by
 * SHA-256), so several canisters running the same wasm, and re-instantiations after a
 * rolled-back memory growth, share the work.
 */
import { createHash } from 'node:crypto';
import { InvalidModuleError, WasmParseError } from './errors.js';
import { instrument } from './instrument.js';
import { type GlobalType, patchExports } from './patch-exports.js';
import { SYSTEM_API_FUNCTIONS } from './system-api.js';
import type { ModuleInterface } from './types.js';

export interface CompiledCanister {
  /** SHA-256 of the raw wasm as given (not of the patched module). */
  hash: string;
  module: WebAssembly.Module;
  tableExport?: string;
  globalExports: string[];
  /** The value types of those globals, in the same order. */
  globalTypes: GlobalType[];
  /** The i64 global holding the current message's instruction budget. */
  counterExport: string;
  /** The former start function, which the runtime runs after instantiation. */
  startExport?: string;
  /** Dirty-page tracking (instrument.ts): the marking table and last-page global exports. */
  dirty?: { tableExport: string; lastExports: string[] };
  interface: ModuleInterface;
  /** Time spent patching and compiling, for benchmarks. */
  compileMs: number;
  /** Of which instrumenting the code. */
  instrumentMs: number;
}

const cache = new Map<string, Promise<CompiledCanister>>();

export function wasmHash(wasm: Uint8Array): string {
  return createHash('sha256').update(wasm).digest('hex');
}

export function compileCanister(wasm: Uint8Array): Promise<CompiledCanister> {
  const hash = wasmHash(wasm);
  let entry = cache.get(hash);
  if (!entry) {
    entry = compile(wasm, hash);
    cache.set(hash, entry);
    // A failed compilation must not poison the cache for a later, fixed attempt with the same key.
    entry.catch(() => cache.delete(hash));
  }
  return entry;
}

/** Number of cached modules (for tests and stats). */
export const compiledModuleCount = (): number => cache.size;

async function compile(wasm: Uint8Array, hash: string): Promise<CompiledCanister> {
  const t0 = performance.now();
  let patched;
  let metered;
  let instrumentMs: number;
  try {
    patched = patchExports(wasm);
    const t1 = performance.now();
    metered = instrument(patched.bytes, { dirtyPages: true });
    instrumentMs = performance.now() - t1;
  } catch (e) {
    throw new InvalidModuleError(
      e instanceof WasmParseError ? e.message : `cannot parse wasm: ${String(e)}`,
    );
  }
  let module: WebAssembly.Module;
  try {
    // A fresh ArrayBuffer-backed view: the DOM typings (used when other packages type-check this
    // file) accept only that, not a SharedArrayBuffer-backed one.
    module = await WebAssembly.compile(new Uint8Array(metered.bytes));
  } catch (e) {
    throw new InvalidModuleError(`invalid wasm module: ${(e as Error).message}`);
  }
  const known = new Set(SYSTEM_API_FUNCTIONS);
  const unsupported = WebAssembly.Module.imports(module)
    .filter((i) => i.module !== 'ic0' || i.kind !== 'function' || !known.has(i.name))
    .map((i) => `${i.module}.${i.name}`);
  if (unsupported.length > 0) {
    throw new InvalidModuleError(
      `wasm module imports what this host does not provide: ${unsupported.join(', ')}`,
    );
  }
  if (!WebAssembly.Module.exports(module).some((e) => e.name === 'memory' && e.kind === 'memory')) {
    throw new InvalidModuleError('wasm module does not export its memory as "memory"');
  }
  return {
    hash,
    module,
    ...(patched.tableExport ? { tableExport: patched.tableExport } : {}),
    globalExports: patched.globalExports,
    globalTypes: patched.globalTypes,
    counterExport: metered.counterExport,
    ...(metered.startExport ? { startExport: metered.startExport } : {}),
    ...(metered.dirty ? { dirty: metered.dirty } : {}),
    interface: moduleInterface(module),
    compileMs: performance.now() - t0,
    instrumentMs,
  };
}

/** Reads the canister's entry points from its export names. */
export function moduleInterface(module: WebAssembly.Module): ModuleInterface {
  const names = WebAssembly.Module.exports(module)
    .filter((e) => e.kind === 'function')
    .map((e) => e.name);
  const withPrefix = (prefix: string): string[] =>
    names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
  const has = (n: string): boolean => names.includes(n);
  return {
    updates: withPrefix('canister_update '),
    queries: withPrefix('canister_query '),
    compositeQueries: withPrefix('canister_composite_query '),
    hasInit: has('canister_init'),
    hasPreUpgrade: has('canister_pre_upgrade'),
    hasPostUpgrade: has('canister_post_upgrade'),
    hasGlobalTimer: has('canister_global_timer'),
    hasHeartbeat: has('canister_heartbeat'),
  };
}
