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
import type { Replica } from './replica/replica.js';
import { CanisterRuntime, type SerializedRuntime } from './wasm/index.js';

/**
 * The state dir: the network's key seed, every canister's settings, module, heap and stable memory.
 * Files are written to a temporary name and renamed, so a crash mid-save leaves the previous state.
 */
const STATE_VERSION = 1;

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

/** Writes every canister to `dir`; canisters deleted since the last save are removed. */
export async function saveState(replica: Replica, dir: string, seed: Uint8Array): Promise<void> {
  await replica.idle();
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
      writeAtomic(wasmPath, c.module.wasm);
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
  };
}

/** Restores the canisters saved in `dir` (nothing when the dir is new). */
export async function loadState(replica: Replica, dir: string): Promise<void> {
  const path = join(dir, 'state.json');
  if (!existsSync(path)) return;
  const saved = JSON.parse(readFileSync(path, 'utf8')) as SavedState;
  if (saved.version !== STATE_VERSION)
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
    if (s.moduleHash) {
      const cdir = join(dir, 'canisters', s.id);
      const wasm = new Uint8Array(readFileSync(join(cdir, 'module.wasm')));
      const serialized = decode(
        gunzipSync(readFileSync(join(cdir, 'runtime.cbor.gz'))),
      ) as unknown as SerializedRuntime;
      const runtime = await CanisterRuntime.deserialize(wasm, normalize(serialized));
      canister.module = { wasm, hash: unhex(s.moduleHash), runtime };
    }
    replica.markDirty(canister);
  }
  replica.commitNow();
}

/** CBOR gives small integers back as numbers: restore the bigint fields the runtime expects. */
function normalize(s: SerializedRuntime): SerializedRuntime {
  const globals = (s.globals as unknown as string[]).map((g) =>
    g.startsWith('b') ? BigInt(g.slice(1)) : Number(g.slice(1)),
  );
  return {
    ...s,
    globals,
    stable: {
      ...s.stable,
      sizePages: BigInt(s.stable.sizePages),
      maxPages: BigInt(s.stable.maxPages),
    },
  };
}
