/**
 * A canister snapshot as one file, for disaster recovery: the snapshot's metadata and its data
 * (wasm module, heap, stable memory, chunk store) read through the management canister, and
 * uploaded back into the same canister id the same way.
 *
 *   "IISNAPSHOT1\n" | header length (u32 BE) | header JSON | module | heap | stable | chunks…
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ICManagementCanister } from '@dfinity/ic-management';
import type { Principal } from '@dfinity/principal';
import { DeployError } from './errors.js';

const MAGIC = Buffer.from('IISNAPSHOT1\n');
/** Bytes per read or upload message: well below the 2 MiB message limit. */
const CHUNK = 1_000_000;

type Globals = Array<
  { f32: number } | { f64: number } | { i32: number } | { i64: bigint } | { v128: bigint }
>;

interface Header {
  canisterId: string;
  takenAtNs: string;
  globals: Array<Record<string, string | number>>;
  certifiedData: string;
  globalTimer: { active: string } | { inactive: null } | null;
  wasmModuleSize: string;
  wasmMemorySize: string;
  stableMemorySize: string;
  chunks: string[];
  sha256: string;
}

type Section = 'wasmModule' | 'wasmMemory' | 'stableMemory';

async function readSection(
  ic: ICManagementCanister,
  canisterId: Principal,
  snapshotId: Uint8Array,
  kind: Section,
  size: bigint,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0n; offset < size; offset += BigInt(CHUNK)) {
    const n = size - offset < BigInt(CHUNK) ? size - offset : BigInt(CHUNK);
    const r = await ic.readCanisterSnapshotData({
      canisterId,
      snapshotId,
      kind: { [kind]: { offset, size: n } } as never,
    });
    parts.push(Buffer.from(r.chunk as Uint8Array));
  }
  return Buffer.concat(parts);
}

/** Downloads snapshot `snapshotId` of `canisterId` into `path`. */
export async function downloadSnapshot(
  ic: ICManagementCanister,
  canisterId: Principal,
  snapshotId: Uint8Array,
  path: string,
): Promise<Header> {
  const m = await ic.readCanisterSnapshotMetadata({ canisterId, snapshotId } as never);
  const module = await readSection(ic, canisterId, snapshotId, 'wasmModule', m.wasmModuleSize);
  const heap = await readSection(ic, canisterId, snapshotId, 'wasmMemory', m.wasmMemorySize);
  const stable = await readSection(ic, canisterId, snapshotId, 'stableMemory', m.stableMemorySize);
  const chunks: Buffer[] = [];
  for (const c of m.wasmChunkStore) {
    const r = await ic.readCanisterSnapshotData({
      canisterId,
      snapshotId,
      kind: { wasmChunk: { hash: c.hash } },
    });
    chunks.push(Buffer.from(r.chunk as Uint8Array));
  }
  const body = Buffer.concat([module, heap, stable, ...chunks]);
  const header: Header = {
    canisterId: canisterId.toText(),
    takenAtNs: m.takenAtTimestamp.toString(),
    globals: (m.globals as Globals).map((g) =>
      Object.fromEntries(
        Object.entries(g).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
      ),
    ),
    certifiedData: Buffer.from(m.certifiedData as Uint8Array).toString('hex'),
    globalTimer:
      m.globalTimer === undefined
        ? null
        : 'active' in m.globalTimer
          ? { active: m.globalTimer.active.toString() }
          : { inactive: null },
    wasmModuleSize: m.wasmModuleSize.toString(),
    wasmMemorySize: m.wasmMemorySize.toString(),
    stableMemorySize: m.stableMemorySize.toString(),
    chunks: chunks.map((c) => String(c.length)),
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  writeFileSync(path, Buffer.concat([MAGIC, length, json, body]), { mode: 0o600 });
  return header;
}

function parse(path: string): { header: Header; body: Buffer } {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (e) {
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  if (!file.subarray(0, MAGIC.length).equals(MAGIC))
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `${path} is not a snapshot file made by ii-deploy backup`,
    );
  const length = file.readUInt32BE(MAGIC.length);
  const header = JSON.parse(
    file.subarray(MAGIC.length + 4, MAGIC.length + 4 + length).toString(),
  ) as Header;
  const body = file.subarray(MAGIC.length + 4 + length);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256)
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `${path} is damaged (its checksum does not match)`,
    );
  return { header, body };
}

/** Checks a snapshot file before anything is uploaded (the canister id it belongs to included). */
export function inspectSnapshotFile(path: string): Header {
  return parse(path).header;
}

/** Uploads the file as a new snapshot of `canisterId`; returns the new snapshot's id. */
export async function uploadSnapshot(
  ic: ICManagementCanister,
  canisterId: Principal,
  path: string,
): Promise<Uint8Array> {
  const { header, body } = parse(path);
  const globals = header.globals.map((g) =>
    Object.fromEntries(
      Object.entries(g).map(([k, v]) => [k, k === 'i64' || k === 'v128' ? BigInt(v) : v]),
    ),
  ) as Globals;
  const created = await ic.uploadCanisterSnapshotMetadata({
    canisterId,
    metadata: {
      globals,
      certifiedData: Buffer.from(header.certifiedData, 'hex'),
      globalTimer:
        header.globalTimer === null
          ? undefined
          : 'active' in header.globalTimer
            ? { active: BigInt(header.globalTimer.active) }
            : { inactive: null },
      onLowWasmMemoryHookStatus: undefined,
      wasmModuleSize: BigInt(header.wasmModuleSize),
      wasmMemorySize: BigInt(header.wasmMemorySize),
      stableMemorySize: BigInt(header.stableMemorySize),
    },
  } as never);
  const snapshotId = new Uint8Array((created as { snapshot_id: Uint8Array }).snapshot_id);
  let at = 0;
  const sections: Array<[Section, number]> = [
    ['wasmModule', Number(header.wasmModuleSize)],
    ['wasmMemory', Number(header.wasmMemorySize)],
    ['stableMemory', Number(header.stableMemorySize)],
  ];
  for (const [kind, size] of sections) {
    for (let offset = 0; offset < size; offset += CHUNK) {
      const n = Math.min(CHUNK, size - offset);
      await ic.uploadCanisterSnapshotData({
        canisterId,
        snapshotId,
        chunk: body.subarray(at + offset, at + offset + n),
        kind: { [kind]: { offset: BigInt(offset) } } as never,
      });
    }
    at += size;
  }
  for (const size of header.chunks.map(Number)) {
    await ic.uploadCanisterSnapshotData({
      canisterId,
      snapshotId,
      chunk: body.subarray(at, at + size),
      kind: { wasmChunk: null },
    });
    at += size;
  }
  return snapshotId;
}
