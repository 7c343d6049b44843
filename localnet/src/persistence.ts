import { decode, encode } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LocalnetError } from './errors.js';
import type { Canister, CanisterSettings, CanisterStatus } from './replica/canister.js';
import {
  type CanisterSnapshot,
  type HookStatus,
  type SnapshotGlobal,
  parseSnapshotId,
  snapshotKey,
} from './replica/canister-snapshot.js';
import { decodeWasmModule } from './replica/install-code.js';
import type { Replica } from './replica/replica.js';
import {
  CanisterRuntime,
  type SerializedRuntime,
  type SerializedStableMemory,
  StableMemory,
} from './wasm/index.js';

/**
 * The state dir: the network's key seed, every canister's settings, module, heap and stable memory,
 * and its snapshots. Files are written to a temporary name and renamed, so a crash mid-save leaves
 * the previous state.
 *
 *   state.json                         clock offset, every canister's settings and fields
 *   canisters/<id>/module.wasm         the module as submitted (gzipped or not; raw in version 1)
 *   canisters/<id>/runtime.cbor.gz     heap pages, globals, stable memory pages
 *   canisters/<id>/snapshots/<id hex>/ snapshot.json (fields, written last) and data.cbor.gz
 *                                      (module, heap and stable pages, chunk store)
 */
const STATE_VERSION = 2;
/** Version 1 kept the raw (un-gzipped) module and no snapshots; it is still read. */
const READABLE_VERSIONS = new Set([1, STATE_VERSION]);

interface SavedCanister {
  id: string;
  controllers: string[];
  status: CanisterStatus;
  cycles: string;
  settings: Record<string, string | object>;
  certifiedData: string;
  version: string;
  globalTimer: string;
  moduleHash?: string;
  nextSnapshotId?: string;
}

type JsonGlobal = Record<string, string | number>;

interface SavedSnapshot {
  revision: number;
  source: CanisterSnapshot['source'];
  takenAtNs: string;
  canisterVersion: string;
  globals: JsonGlobal[];
  certifiedData: string;
  globalTimer?: { active: string } | { inactive: null };
  hookStatus?: HookStatus;
}

interface SnapshotData {
  module: Uint8Array;
  heap: SerializedStableMemory;
  stable: SerializedStableMemory;
  chunks: { hash: string; data: Uint8Array }[];
}

interface SavedState {
  version: number;
  clockOffsetNs: string;
  canisters: SavedCanister[];
}

function writeAtomic(path: string, data: Uint8Array | string, mode?: number): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
  renameSync(tmp, path);
}

/** The 32-byte seed of the root key and node key: kept so agents can keep trusting the network. */
export function loadOrCreateSeed(dir: string): Uint8Array {
  const path = join(dir, 'seed.bin');
  if (existsSync(path)) {
    const seed = new Uint8Array(readFileSync(path));
    if (seed.length !== 32)
      throw new LocalnetError(
        'II_ERR_STATE_DIR_SEED',
        `${path} must hold 32 bytes, found ${seed.length}`,
      );
    return seed;
  }
  const seed = new Uint8Array(randomBytes(32));
  writeAtomic(path, seed, 0o600);
  return seed;
}

const settingsToJson = (s: CanisterSettings) =>
  Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
  );

function settingsFromJson(raw: Record<string, string | object>): CanisterSettings {
  const n = (k: string) => BigInt(raw[k] as string);
  return {
    computeAllocation: n('computeAllocation'),
    memoryAllocation: n('memoryAllocation'),
    freezingThreshold: n('freezingThreshold'),
    reservedCyclesLimit: n('reservedCyclesLimit'),
    logVisibility: raw.logVisibility as CanisterSettings['logVisibility'],
    wasmMemoryLimit: n('wasmMemoryLimit'),
    wasmMemoryThreshold: n('wasmMemoryThreshold'),
  };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

/**
 * Writes every canister to `dir`; canisters deleted since the last save are removed. Waits for
 * queued messages first unless `wait` is false (a message was terminated and will never finish).
 */
export async function saveState(
  replica: Replica,
  dir: string,
  seed: Uint8Array,
  { wait = true }: { wait?: boolean } = {},
): Promise<void> {
  if (wait) await replica.idle();
  mkdirSync(join(dir, 'canisters'), { recursive: true });
  if (!existsSync(join(dir, 'seed.bin'))) writeAtomic(join(dir, 'seed.bin'), seed, 0o600);
  const saved: SavedState = {
    version: STATE_VERSION,
    clockOffsetNs: replica.clock.offsetNs.toString(),
    canisters: [],
  };
  for (const c of replica.canisters.values()) {
    saved.canisters.push(saveCanister(c, join(dir, 'canisters', c.idText)));
  }
  const keep = new Set(saved.canisters.map((c) => c.id));
  for (const name of readdirSync(join(dir, 'canisters'))) {
    if (!keep.has(name)) rmSync(join(dir, 'canisters', name), { recursive: true, force: true });
  }
  writeAtomic(join(dir, 'state.json'), JSON.stringify(saved, null, 2));
}

function saveCanister(c: Canister, dir: string): SavedCanister {
  mkdirSync(dir, { recursive: true });
  if (c.module) {
    const wasmPath = join(dir, 'module.wasm');
    // The module only changes with install_code; compare by hash file to skip rewriting it.
    const hashPath = join(dir, 'module.sha256');
    const hash = hex(c.module.hash);
    if (!existsSync(hashPath) || readFileSync(hashPath, 'utf8') !== hash) {
      writeAtomic(wasmPath, c.module.submitted);
      writeAtomic(hashPath, hash);
    }
    const runtime = c.module.runtime.serialize();
    // Globals are i32/i64/f32/f64: tag them so CBOR's number/bigint choice does not lose the type.
    const tagged = {
      ...runtime,
      globals: runtime.globals.map((g) => (typeof g === 'bigint' ? `b${g}` : `n${g}`)),
    };
    writeAtomic(join(dir, 'runtime.cbor.gz'), gzipSync(encode(tagged as never), { level: 1 }));
  } else {
    rmSync(join(dir, 'module.wasm'), { force: true });
    rmSync(join(dir, 'module.sha256'), { force: true });
    rmSync(join(dir, 'runtime.cbor.gz'), { force: true });
  }
  saveSnapshots(c, join(dir, 'snapshots'));
  return {
    id: c.idText,
    controllers: c.controllers.map((p) => p.toText()),
    status: c.status === 'stopping' ? 'stopped' : c.status,
    cycles: c.cycles.toString(),
    settings: settingsToJson(c.settings),
    certifiedData: hex(c.certifiedData),
    version: c.version.toString(),
    globalTimer: c.globalTimer.toString(),
    moduleHash: c.module ? hex(c.module.hash) : undefined,
    nextSnapshotId: c.nextSnapshotId.toString(),
  };
}

/** Globals as JSON: 64-bit and 128-bit values as decimal strings. */
const globalsToJson = (globals: SnapshotGlobal[]): JsonGlobal[] =>
  globals.map((g) => {
    const [[kind, value]] = Object.entries(g) as [[string, number | bigint]];
    return { [kind]: typeof value === 'bigint' ? value.toString() : value };
  });

const globalsFromJson = (globals: JsonGlobal[]): SnapshotGlobal[] =>
  globals.map((g) => {
    const [[kind, value]] = Object.entries(g) as [[string, string | number]];
    return {
      [kind]: kind === 'i64' || kind === 'v128' ? BigInt(value) : Number(value),
    } as SnapshotGlobal;
  });

/** Writes the snapshots that changed since the last save (by revision), removes deleted ones. */
function saveSnapshots(c: Canister, dir: string): void {
  if (c.snapshots.size === 0) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  for (const [key, s] of c.snapshots) {
    const sdir = join(dir, key);
    const metaPath = join(sdir, 'snapshot.json');
    if (existsSync(metaPath)) {
      const saved = JSON.parse(readFileSync(metaPath, 'utf8')) as SavedSnapshot;
      if (saved.revision === s.revision) continue;
    }
    mkdirSync(sdir, { recursive: true });
    const data: SnapshotData = {
      module: s.module,
      heap: s.heap.serialize(),
      stable: s.stable.serialize(),
      chunks: [...s.chunks].map(([hash, bytes]) => ({ hash, data: bytes })),
    };
    writeAtomic(join(sdir, 'data.cbor.gz'), gzipSync(encode(data as never), { level: 1 }));
    const meta: SavedSnapshot = {
      revision: s.revision,
      source: s.source,
      takenAtNs: s.takenAtNs.toString(),
      canisterVersion: s.canisterVersion.toString(),
      globals: globalsToJson(s.globals),
      certifiedData: hex(s.certifiedData),
      ...(s.globalTimer
        ? {
            globalTimer:
              'active' in s.globalTimer
                ? { active: s.globalTimer.active.toString() }
                : { inactive: null },
          }
        : {}),
      ...(s.hookStatus ? { hookStatus: s.hookStatus } : {}),
    };
    writeAtomic(metaPath, JSON.stringify(meta, null, 2));
  }
  for (const name of readdirSync(dir)) {
    if (!c.snapshots.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function loadSnapshots(canister: Canister, dir: string): void {
  if (!existsSync(dir)) return;
  for (const key of readdirSync(dir)) {
    const metaPath = join(dir, key, 'snapshot.json');
    // A snapshot whose save was cut short has no snapshot.json yet: it was not saved.
    if (!existsSync(metaPath)) continue;
    const id = new Uint8Array(Buffer.from(key, 'hex'));
    if (!parseSnapshotId(id) || snapshotKey(id) !== key) continue;
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as SavedSnapshot;
    const data = decode(
      gunzipSync(readFileSync(join(dir, key, 'data.cbor.gz'))),
    ) as unknown as SnapshotData;
    canister.snapshots.set(key, {
      id,
      source: meta.source,
      takenAtNs: BigInt(meta.takenAtNs),
      canisterVersion: BigInt(meta.canisterVersion),
      module: new Uint8Array(data.module),
      heap: StableMemory.deserialize(normalizeStable(data.heap)),
      globals: globalsFromJson(meta.globals),
      stable: StableMemory.deserialize(normalizeStable(data.stable)),
      certifiedData: unhex(meta.certifiedData),
      ...(meta.globalTimer
        ? {
            globalTimer:
              'active' in meta.globalTimer
                ? { active: BigInt(meta.globalTimer.active) }
                : { inactive: null },
          }
        : {}),
      ...(meta.hookStatus ? { hookStatus: meta.hookStatus } : {}),
      chunks: new Map(data.chunks.map((c) => [c.hash, new Uint8Array(c.data)])),
      revision: meta.revision,
    });
  }
}

/** Restores the canisters saved in `dir` (nothing when the dir is new). */
export async function loadState(replica: Replica, dir: string): Promise<void> {
  const path = join(dir, 'state.json');
  if (!existsSync(path)) return;
  const saved = JSON.parse(readFileSync(path, 'utf8')) as SavedState;
  if (!READABLE_VERSIONS.has(saved.version))
    throw new LocalnetError(
      'II_ERR_STATE_DIR_VERSION',
      `${path}: unsupported state version ${saved.version}`,
    );
  replica.clock.offsetNs = BigInt(saved.clockOffsetNs);
  for (const s of saved.canisters) {
    const canister = replica.createCanister(
      s.controllers.map((t) => Principal.fromText(t)),
      BigInt(s.cycles),
      Principal.fromText(s.id),
    );
    canister.status = s.status;
    canister.settings = settingsFromJson(s.settings);
    canister.certifiedData = unhex(s.certifiedData);
    canister.version = BigInt(s.version);
    canister.globalTimer = BigInt(s.globalTimer);
    canister.nextSnapshotId = BigInt(s.nextSnapshotId ?? '0');
    const cdir = join(dir, 'canisters', s.id);
    if (s.moduleHash) {
      // Version 2 keeps the module as submitted; version 1 kept the raw module (decoding is a no-op).
      const submitted = new Uint8Array(readFileSync(join(cdir, 'module.wasm')));
      const wasm = decodeWasmModule(submitted);
      const serialized = decode(
        gunzipSync(readFileSync(join(cdir, 'runtime.cbor.gz'))),
      ) as unknown as SerializedRuntime;
      const runtime = await CanisterRuntime.deserialize(wasm, normalize(serialized));
      canister.module = { wasm, submitted, hash: unhex(s.moduleHash), runtime };
    }
    loadSnapshots(canister, join(cdir, 'snapshots'));
    replica.markDirty(canister);
  }
  replica.commitNow();
}

/** CBOR gives small integers back as numbers: restore the bigint fields the runtime expects. */
function normalize(s: SerializedRuntime): SerializedRuntime {
  const globals = (s.globals as unknown as string[]).map((g) =>
    g.startsWith('b') ? BigInt(g.slice(1)) : Number(g.slice(1)),
  );
  return { ...s, globals, stable: normalizeStable(s.stable) };
}

const normalizeStable = (s: SerializedStableMemory): SerializedStableMemory => ({
  ...s,
  sizePages: BigInt(s.sizePages),
  maxPages: BigInt(s.maxPages),
});
