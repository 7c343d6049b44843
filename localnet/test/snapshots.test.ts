// Canister snapshots through the management canister, driven by the client the release tool uses
// (@dfinity/ic-management 7.1.3's ICManagementCanister): take, load, list, delete, read and upload,
// their refusals in the replica's words, and snapshots kept in the state dir across a restart.
import { Certificate, type HttpAgent, lookupResultToBuffer } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { ICManagementCanister } from '@dfinity/ic-management';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import { managementMethods } from '../src/replica/management-idl.js';
import { fixtureWasm } from '../src/testing/fixtures.js';
import { type FixtureActor, fixtureInitArg } from './fixture-idl.test-support.js';
import { agentFor, fixtureActor, sha256hex } from './test-support.js';

type Reject = { rejectCode: number; rejectErrorCode: string; rejectMessage: string };

/** The reject a management call ended with (through the agent). */
async function rejectOf(p: Promise<unknown>): Promise<Reject> {
  try {
    await p;
  } catch (e) {
    return (e as { cause: { code: Reject } }).cause.code;
  }
  throw new Error('expected a reject');
}

/** The most read_canister_snapshot_data returns at once (the IC's limit). */
const CHUNK = 2_000_000n;

interface Downloaded {
  metadata: Awaited<ReturnType<ICManagementCanister['readCanisterSnapshotMetadata']>>;
  module: Uint8Array;
  heap: Uint8Array;
  stable: Uint8Array;
  chunks: Uint8Array[];
}

/** Reads a whole snapshot through read_canister_snapshot_metadata and _data, 2 MB at a time. */
async function download(
  ic: ICManagementCanister,
  canisterId: Principal,
  snapshotId: Uint8Array,
): Promise<Downloaded> {
  const metadata = await ic.readCanisterSnapshotMetadata({ canisterId, snapshotId });
  const section = async (kind: 'wasmModule' | 'wasmMemory' | 'stableMemory', size: bigint) => {
    const out = new Uint8Array(Number(size));
    for (let offset = 0n; offset < size; offset += CHUNK) {
      const n = size - offset < CHUNK ? size - offset : CHUNK;
      const { chunk } = await ic.readCanisterSnapshotData({
        canisterId,
        snapshotId,
        kind: { [kind]: { offset, size: n } } as never,
      });
      out.set(chunk as Uint8Array, Number(offset));
    }
    return out;
  };
  const chunks: Uint8Array[] = [];
  for (const { hash } of metadata.wasmChunkStore) {
    const { chunk } = await ic.readCanisterSnapshotData({
      canisterId,
      snapshotId,
      kind: { wasmChunk: { hash } },
    });
    chunks.push(new Uint8Array(chunk as Uint8Array));
  }
  return {
    metadata,
    module: await section('wasmModule', metadata.wasmModuleSize),
    heap: await section('wasmMemory', metadata.wasmMemorySize),
    stable: await section('stableMemory', metadata.stableMemorySize),
    chunks,
  };
}

/** Creates a snapshot from downloaded data with upload_canister_snapshot_metadata and _data. */
async function upload(
  ic: ICManagementCanister,
  canisterId: Principal,
  d: Downloaded,
  overrides: Partial<Downloaded['metadata']> = {},
): Promise<Uint8Array> {
  const m = { ...d.metadata, ...overrides };
  const { snapshot_id: snapshotId } = await ic.uploadCanisterSnapshotMetadata({
    canisterId,
    metadata: {
      globals: m.globals,
      certifiedData: m.certifiedData,
      globalTimer: m.globalTimer,
      onLowWasmMemoryHookStatus: m.onLowWasmMemoryHookStatus,
      wasmModuleSize: m.wasmModuleSize,
      wasmMemorySize: m.wasmMemorySize,
      stableMemorySize: m.stableMemorySize,
    },
  });
  const sections = [
    ['wasmModule', d.module],
    ['wasmMemory', d.heap],
    ['stableMemory', d.stable],
  ] as const;
  for (const [kind, bytes] of sections) {
    for (let offset = 0; offset < bytes.length; offset += Number(CHUNK)) {
      // All-zero slices are skipped: an uploaded snapshot starts out zero.
      const chunk = bytes.subarray(offset, offset + Number(CHUNK));
      if (chunk.every((b) => b === 0)) continue;
      await ic.uploadCanisterSnapshotData({
        canisterId,
        snapshotId,
        chunk,
        kind: { [kind]: { offset: BigInt(offset) } } as never,
      });
    }
  }
  for (const chunk of d.chunks)
    await ic.uploadCanisterSnapshotData({
      canisterId,
      snapshotId,
      chunk,
      kind: { wasmChunk: null },
    });
  return new Uint8Array(snapshotId);
}

describe('canister snapshots', () => {
  let net: Localnet;
  const owner = Ed25519KeyIdentity.generate();
  const stranger = Ed25519KeyIdentity.generate();
  let agent: HttpAgent;
  let ic: ICManagementCanister;
  let gzWasm: Uint8Array;

  /** A fresh fixture canister controlled by `owner`, installed from the gzipped module. */
  const fresh = async (): Promise<{ id: Principal; actor: FixtureActor }> => {
    const id = await net.installCanister(gzWasm, {
      arg: fixtureInitArg(7n),
      controllers: [owner.getPrincipal()],
    });
    return { id, actor: fixtureActor(agent, id) };
  };
  const certifiedData = async (id: Principal, actor: FixtureActor): Promise<number[]> => {
    const [certificate] = await actor.certificate();
    const cert = await Certificate.create({
      certificate: certificate!,
      rootKey: net.rootKey,
      canisterId: id,
    });
    return [
      ...lookupResultToBuffer(cert.lookup_path(['canister', id.toUint8Array(), 'certified_data']))!,
    ];
  };
  const moduleHash = (id: Principal) => {
    const hash = net.replica.getCanister(id)?.module?.hash;
    return hash ? Buffer.from(hash).toString('hex') : undefined;
  };
  /** A management call made inside the replica, past the HTTP ingress filter (as a canister's call would be). */
  const call = async (caller: Principal, method: keyof typeof managementMethods, arg: unknown) => {
    const func = managementMethods[method];
    const result = await net.replica.call(
      caller,
      Principal.managementCanister(),
      method,
      new Uint8Array(IDL.encode(func.argTypes, [arg])),
    );
    return result.kind === 'reply'
      ? { reply: IDL.decode(func.retTypes, result.data)[0] }
      : { code: result.code, errorCode: result.errorCode, message: result.message };
  };

  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
    gzWasm = new Uint8Array(gzipSync(fixtureWasm()));
    agent = await agentFor(net, { identity: owner });
    ic = ICManagementCanister.create({ agent });
  });
  afterAll(async () => {
    await net?.stop();
  });

  it('take, change state, load: heap, stable memory, certified data and module hash come back; the version goes up', async () => {
    const { id, actor } = await fresh();
    await actor.inc();
    await actor.inc();
    await actor.put('k', 'before');
    await actor.setCertified(new Uint8Array([1, 2, 3]));
    const hash = moduleHash(id);
    expect(hash).toBe(sha256hex(gzWasm));

    await ic.stopCanister(id);
    const taken = await ic.takeCanisterSnapshot({ canisterId: id });
    await ic.startCanister(id);
    expect(taken.id).toHaveLength(8 + id.toUint8Array().length);
    expect(taken.total_size).toBeGreaterThan(BigInt(gzWasm.length));
    expect(await ic.listCanisterSnapshots({ canisterId: id })).toEqual([taken]);

    await actor.inc();
    await actor.put('k', 'after');
    await actor.put('new', 'key');
    await actor.setCertified(new Uint8Array([9]));
    // An upgrade to another module: the load brings the snapshot's module back.
    await net.installCanister(fixtureWasm(), {
      canisterId: id,
      arg: fixtureInitArg(8n),
      controllers: [owner.getPrincipal()],
    });
    expect(moduleHash(id)).not.toBe(hash);
    const version = (await actor.info()).version;

    await ic.stopCanister(id);
    await ic.loadCanisterSnapshot({ canisterId: id, snapshotId: taken.id });
    await ic.startCanister(id);
    expect(await actor.get()).toBe(2n);
    expect(await actor.read('k')).toEqual(['before']);
    expect(await actor.read('new')).toEqual([]);
    expect(await actor.getInitArg()).toBe(7n);
    expect(await certifiedData(id, actor)).toEqual([1, 2, 3]);
    expect(moduleHash(id)).toBe(hash);
    expect((await actor.info()).version).toBe(version + 1n);
    // The canister runs on from the loaded state, and the snapshot can be loaded again.
    expect(await actor.inc()).toBe(3n);
    await ic.loadCanisterSnapshot({ canisterId: id, snapshotId: taken.id });
    expect(await actor.get()).toBe(2n);
  });

  it('read_canister_snapshot_metadata describes what was taken', async () => {
    const { id, actor } = await fresh();
    await actor.setCertified(new Uint8Array([4, 5]));
    const chunk = new Uint8Array(1000).fill(3);
    const { hash } = await ic.uploadChunk({ canisterId: id, chunk });
    const canister = net.replica.getCanister(id)!;
    const before = canister.version;
    const taken = await ic.takeCanisterSnapshot({ canisterId: id });
    const m = await ic.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: taken.id });
    const heap = canister.module!.runtime.memoryStats();
    expect(m).toMatchObject({
      source: { takenFromCanister: null },
      takenAtTimestamp: taken.taken_at_timestamp,
      wasmModuleSize: BigInt(gzWasm.length),
      wasmMemorySize: BigInt(heap.heapBytes),
      stableMemorySize: heap.stableBytes,
      canisterVersion: before,
      globalTimer: { inactive: null },
      onLowWasmMemoryHookStatus: { conditionNotSatisfied: null },
    });
    expect([...(m.certifiedData as Uint8Array)]).toEqual([4, 5]);
    expect(m.wasmChunkStore.map((c) => Buffer.from(c.hash as Uint8Array).toString('hex'))).toEqual([
      Buffer.from(hash as Uint8Array).toString('hex'),
    ]);
    expect(m.globals.length).toBeGreaterThan(0);
    expect(m.globals.every((g) => 'i32' in g || 'i64' in g || 'f32' in g || 'f64' in g)).toBe(true);
    // Taking a snapshot does not change the canister's version.
    expect(canister.version).toBe(before);
    // The wasm module reads back byte for byte; the heap and stable memory in any slices.
    const module = await ic.readCanisterSnapshotData({
      canisterId: id,
      snapshotId: taken.id,
      kind: { wasmModule: { offset: 10n, size: 100n } },
    });
    expect(
      Buffer.from(module.chunk as Uint8Array).equals(Buffer.from(gzWasm.subarray(10, 110))),
    ).toBe(true);
    const stored = await ic.readCanisterSnapshotData({
      canisterId: id,
      snapshotId: taken.id,
      kind: { wasmChunk: { hash } },
    });
    expect([...(stored.chunk as Uint8Array)]).toEqual([...chunk]);
    // A timer set before the snapshot is reported as active.
    await actor.startTimer(3600n);
    const timed = await ic.takeCanisterSnapshot({ canisterId: id, snapshotId: taken.id });
    const t = await ic.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: timed.id });
    expect(t.globalTimer).toEqual({ active: canister.globalTimer });
  });

  it('replace_snapshot swaps one snapshot for a new one; delete removes it', async () => {
    const { id, actor } = await fresh();
    const first = await ic.takeCanisterSnapshot({ canisterId: id });
    await actor.inc();
    const second = await ic.takeCanisterSnapshot({ canisterId: id, snapshotId: first.id });
    expect(Buffer.from(second.id).equals(Buffer.from(first.id))).toBe(false);
    expect(await ic.listCanisterSnapshots({ canisterId: id })).toEqual([second]);
    const gone = await rejectOf(
      ic.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: first.id }),
    );
    expect(gone).toMatchObject({ rejectCode: 3, rejectErrorCode: 'IC0305' });
    await ic.deleteCanisterSnapshot({ canisterId: id, snapshotId: second.id });
    expect(await ic.listCanisterSnapshots({ canisterId: id })).toEqual([]);
    const again = await rejectOf(
      ic.deleteCanisterSnapshot({ canisterId: id, snapshotId: second.id }),
    );
    expect(again).toMatchObject({ rejectCode: 3, rejectErrorCode: 'IC0305' });
    expect(again.rejectMessage).toContain(
      `Could not find the snapshot ID ${id.toText()}-1 for canister ${id.toText()}.`,
    );
  });

  it("the IC's limit: 10 snapshots per canister by default, more only by replacing one", async () => {
    expect(net.replica.maxSnapshotsPerCanister).toBe(10);
    const small = await startLocalnet({ port: 0, maxSnapshotsPerCanister: 1 });
    try {
      const id = await small.installCanister(gzWasm, { arg: fixtureInitArg(1n) });
      const mgmt = ICManagementCanister.create({ agent: await agentFor(small) });
      const first = await mgmt.takeCanisterSnapshot({ canisterId: id });
      const over = await rejectOf(mgmt.takeCanisterSnapshot({ canisterId: id }));
      expect(over).toMatchObject({ rejectCode: 4, rejectErrorCode: 'IC0406' });
      expect(over.rejectMessage).toContain(
        `Canister ${id.toText()} has reached the maximum number of snapshots allowed: 1.`,
      );
      const overUpload = await rejectOf(
        mgmt.uploadCanisterSnapshotMetadata({
          canisterId: id,
          metadata: {
            globals: [],
            certifiedData: new Uint8Array(0),
            globalTimer: undefined,
            onLowWasmMemoryHookStatus: undefined,
            wasmModuleSize: 8n,
            wasmMemorySize: 65536n,
            stableMemorySize: 0n,
          },
        }),
      );
      expect(overUpload).toMatchObject({ rejectCode: 4, rejectErrorCode: 'IC0406' });
      const replaced = await mgmt.takeCanisterSnapshot({ canisterId: id, snapshotId: first.id });
      expect(await mgmt.listCanisterSnapshots({ canisterId: id })).toEqual([replaced]);
    } finally {
      await small.stop();
    }
  });

  it('only controllers: others get 403 from the ingress filter, and IC0512 in the replica words from inside', async () => {
    const { id } = await fresh();
    const taken = await ic.takeCanisterSnapshot({ canisterId: id });
    const theirs = ICManagementCanister.create({
      agent: await agentFor(net, { identity: stranger }),
    });
    const snapshotId = taken.id;
    const attempts: Array<() => Promise<unknown>> = [
      () => theirs.takeCanisterSnapshot({ canisterId: id }),
      () => theirs.loadCanisterSnapshot({ canisterId: id, snapshotId }),
      () => theirs.listCanisterSnapshots({ canisterId: id }),
      () => theirs.deleteCanisterSnapshot({ canisterId: id, snapshotId }),
      () => theirs.readCanisterSnapshotMetadata({ canisterId: id, snapshotId }),
      () =>
        theirs.readCanisterSnapshotData({
          canisterId: id,
          snapshotId,
          kind: { wasmModule: { offset: 0n, size: 1n } },
        }),
      () =>
        theirs.uploadCanisterSnapshotMetadata({
          canisterId: id,
          metadata: {
            globals: [],
            certifiedData: new Uint8Array(0),
            globalTimer: undefined,
            onLowWasmMemoryHookStatus: undefined,
            wasmModuleSize: 8n,
            wasmMemorySize: 65536n,
            stableMemorySize: 0n,
          },
        }),
      () =>
        theirs.uploadCanisterSnapshotData({
          canisterId: id,
          snapshotId,
          chunk: new Uint8Array(1),
          kind: { wasmModule: { offset: 0n } },
        }),
    ];
    for (const attempt of attempts)
      await expect(attempt()).rejects.toThrow(
        new RegExp(`403[\\s\\S]*Only controllers of canister ${id.toText()} can call ic00 method`),
      );
    // Past the ingress filter (a canister calling), the replica refuses with IC0512.
    const inside = await call(stranger.getPrincipal(), 'list_canister_snapshots', {
      canister_id: id,
    });
    expect(inside).toEqual({
      code: 5,
      errorCode: 'IC0512',
      message:
        `Only the controllers of the canister ${id.toText()} can control it.\n` +
        `Canister's controllers: ${owner.getPrincipal().toText()}\n` +
        `Sender's ID: ${stranger.getPrincipal().toText()}\n` +
        'Execute this call from a controller of the target canister or add the current caller as a controller. See documentation: https://internetcomputer.org/docs/current/references/execution-errors#invalid-controller',
    });
    const load = await call(stranger.getPrincipal(), 'load_canister_snapshot', {
      canister_id: id,
      snapshot_id: snapshotId,
      sender_canister_version: [],
    });
    expect(load).toMatchObject({ code: 5, errorCode: 'IC0512' });
    expect(await ic.listCanisterSnapshots({ canisterId: id })).toEqual([taken]);
  });

  it('unknown, foreign and malformed snapshot ids are refused', async () => {
    const a = await fresh();
    const b = await fresh();
    const ofB = await ic.takeCanisterSnapshot({ canisterId: b.id });
    const unknown = new Uint8Array([...new Uint8Array(7), 99, ...a.id.toUint8Array()]);
    for (const p of [
      ic.loadCanisterSnapshot({ canisterId: a.id, snapshotId: unknown }),
      ic.deleteCanisterSnapshot({ canisterId: a.id, snapshotId: unknown }),
      ic.readCanisterSnapshotMetadata({ canisterId: a.id, snapshotId: unknown }),
      ic.readCanisterSnapshotData({
        canisterId: a.id,
        snapshotId: unknown,
        kind: { wasmMemory: { offset: 0n, size: 1n } },
      }),
      ic.uploadCanisterSnapshotData({
        canisterId: a.id,
        snapshotId: unknown,
        chunk: new Uint8Array(1),
        kind: { wasmModule: { offset: 0n } },
      }),
      ic.takeCanisterSnapshot({ canisterId: a.id, snapshotId: unknown }),
    ]) {
      const r = await rejectOf(p);
      expect(r).toMatchObject({ rejectCode: 3, rejectErrorCode: 'IC0305' });
      expect(r.rejectMessage).toContain(
        `Could not find the snapshot ID ${a.id.toText()}-99 for canister ${a.id.toText()}.\nUse the \`list_canister_snapshot\` API`,
      );
    }
    // Another canister's snapshot does not belong to this one (load may use it: see below).
    const foreign = await rejectOf(
      ic.readCanisterSnapshotMetadata({ canisterId: a.id, snapshotId: ofB.id }),
    );
    expect(foreign).toMatchObject({ rejectCode: 4, rejectErrorCode: 'IC0406' });
    expect(foreign.rejectMessage).toContain(
      `The snapshot ${b.id.toText()}-0 does not belong to canister ${a.id.toText()}.`,
    );
    const malformed = await rejectOf(
      ic.deleteCanisterSnapshot({ canisterId: a.id, snapshotId: new Uint8Array([1, 2, 3]) }),
    );
    expect(malformed).toMatchObject({ rejectCode: 4, rejectErrorCode: 'IC0408' });
  });

  it('a snapshot of another canister the caller controls can be loaded; one of a canister it does not control cannot', async () => {
    const a = await fresh();
    const b = await fresh();
    await b.actor.put('from', 'b');
    const ofB = await ic.takeCanisterSnapshot({ canisterId: b.id });
    await ic.loadCanisterSnapshot({ canisterId: a.id, snapshotId: ofB.id });
    expect(await a.actor.read('from')).toEqual(['b']);
    // A canister the caller does not control.
    const other = await net.installCanister(gzWasm, { arg: fixtureInitArg(1n) });
    const otherSnapshot = await call(Principal.anonymous(), 'take_canister_snapshot', {
      canister_id: other,
      replace_snapshot: [],
      uninstall_code: [],
      sender_canister_version: [],
    });
    const id = (otherSnapshot.reply as unknown as { id: Uint8Array }).id;
    const refused = await rejectOf(ic.loadCanisterSnapshot({ canisterId: a.id, snapshotId: id }));
    expect(refused).toMatchObject({ rejectCode: 4, rejectErrorCode: 'IC0406' });
    expect(refused.rejectMessage).toBe(
      `Only a controller of the canister that snapshot ${other.toText()}-0 belongs to can load it on canister ${a.id.toText()}. Sender: ${owner.getPrincipal().toText()}.`,
    );
  });

  it('bad offsets and sizes are refused with IC0408; a missing chunk hash with IC0504', async () => {
    const { id } = await fresh();
    const taken = await ic.takeCanisterSnapshot({ canisterId: id });
    const m = await ic.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: taken.id });
    const read = (kind: Parameters<ICManagementCanister['readCanisterSnapshotData']>[0]['kind']) =>
      rejectOf(ic.readCanisterSnapshotData({ canisterId: id, snapshotId: taken.id, kind }));
    const past = await read({ wasmModule: { offset: m.wasmModuleSize, size: 1n } });
    expect(past).toMatchObject({
      rejectCode: 4,
      rejectErrorCode: 'IC0408',
      rejectMessage: `Invalid subslice into wasm module / main memory / stable memory: offset: ${m.wasmModuleSize}, size: 1`,
    });
    expect(await read({ wasmMemory: { offset: m.wasmMemorySize - 10n, size: 11n } })).toMatchObject(
      {
        rejectErrorCode: 'IC0408',
      },
    );
    expect(await read({ stableMemory: { offset: m.stableMemorySize, size: 1n } })).toMatchObject({
      rejectErrorCode: 'IC0408',
    });
    expect(await read({ wasmMemory: { offset: 0n, size: 2_000_001n } })).toMatchObject({
      rejectCode: 4,
      rejectErrorCode: 'IC0408',
      rejectMessage: 'Requested slice too large: 2000001 > 2000000',
    });
    const missing = await read({ wasmChunk: { hash: new Uint8Array(32).fill(1) } });
    expect(missing).toMatchObject({ rejectCode: 5, rejectErrorCode: 'IC0504' });
    expect(missing.rejectMessage).toMatch(
      /^Error from Wasm chunk store: WasmChunkHash \[01, 01, .*\] not found\.\./,
    );
    // Offsets at the very end are fine when nothing is read past it.
    const last = await ic.readCanisterSnapshotData({
      canisterId: id,
      snapshotId: taken.id,
      kind: { wasmMemory: { offset: m.wasmMemorySize - 10n, size: 10n } },
    });
    expect((last.chunk as Uint8Array).length).toBe(10);
  });

  it('uploads go only into snapshots created by metadata upload, within their sizes; bad metadata is refused', async () => {
    const { id } = await fresh();
    const taken = await ic.takeCanisterSnapshot({ canisterId: id });
    const immutable = await rejectOf(
      ic.uploadCanisterSnapshotData({
        canisterId: id,
        snapshotId: taken.id,
        chunk: new Uint8Array(1),
        kind: { wasmModule: { offset: 0n } },
      }),
    );
    expect(immutable).toMatchObject({
      rejectCode: 4,
      rejectErrorCode: 'IC0409',
      rejectMessage: 'Only canister snapshots created by metadata upload can be mutated.',
    });
    const metadata = {
      globals: [],
      certifiedData: new Uint8Array(0),
      globalTimer: undefined,
      onLowWasmMemoryHookStatus: undefined,
      wasmModuleSize: 100n,
      wasmMemorySize: 65536n,
      stableMemorySize: 65536n,
    };
    for (const [bad, reason] of [
      [{ wasmModuleSize: 0n }, 'WasmModuleEmpty'],
      [{ wasmModuleSize: 100n * 1024n * 1024n + 1n }, 'WasmModuleTooLarge'],
      [{ wasmMemorySize: 1000n }, 'WasmMemoryNotPageAligned'],
      [{ wasmMemorySize: 4n * 1024n ** 3n + 65536n }, 'WasmMemoryTooLarge'],
      [{ stableMemorySize: 65537n }, 'StableMemoryNotPageAligned'],
      [{ certifiedData: new Uint8Array(33) }, 'CertifiedDataTooLarge'],
    ] as const) {
      const r = await rejectOf(
        ic.uploadCanisterSnapshotMetadata({ canisterId: id, metadata: { ...metadata, ...bad } }),
      );
      expect(r).toMatchObject({
        rejectCode: 4,
        rejectErrorCode: 'IC0408',
        rejectMessage: `Snapshot Metadata contains invalid data: ${reason}`,
      });
    }
    const { snapshot_id: uploaded } = await ic.uploadCanisterSnapshotMetadata({
      canisterId: id,
      metadata,
    });
    const put = (
      kind: Parameters<ICManagementCanister['uploadCanisterSnapshotData']>[0]['kind'],
      n: number,
    ) =>
      rejectOf(
        ic.uploadCanisterSnapshotData({
          canisterId: id,
          snapshotId: uploaded,
          chunk: new Uint8Array(n).fill(1),
          kind,
        }),
      );
    expect(await put({ wasmModule: { offset: 90n } }, 11)).toMatchObject({
      rejectCode: 4,
      rejectErrorCode: 'IC0408',
      rejectMessage:
        'Invalid subslice into wasm module / main memory / stable memory: offset: 90, size: 11',
    });
    expect(await put({ wasmMemory: { offset: 65536n } }, 1)).toMatchObject({
      rejectErrorCode: 'IC0408',
    });
    expect(await put({ stableMemory: { offset: 65535n } }, 2)).toMatchObject({
      rejectErrorCode: 'IC0408',
    });
    expect(await put({ wasmChunk: null }, 1024 * 1024 + 1)).toMatchObject({
      rejectErrorCode: 'IC0504',
    });
    // Within the sizes the data lands where it was put.
    await ic.uploadCanisterSnapshotData({
      canisterId: id,
      snapshotId: uploaded,
      chunk: new Uint8Array([7, 8, 9]),
      kind: { stableMemory: { offset: 65533n } },
    });
    const back = await ic.readCanisterSnapshotData({
      canisterId: id,
      snapshotId: uploaded,
      kind: { stableMemory: { offset: 65532n, size: 4n } },
    });
    expect([...(back.chunk as Uint8Array)]).toEqual([0, 7, 8, 9]);
    // A module of zeros is no wasm: loading refuses it, and the canister keeps what it had.
    const hash = moduleHash(id);
    const invalid = await rejectOf(
      ic.loadCanisterSnapshot({ canisterId: id, snapshotId: uploaded }),
    );
    expect(invalid).toMatchObject({ rejectCode: 5, rejectErrorCode: 'IC0505' });
    expect(moduleHash(id)).toBe(hash);
  });

  it('read everything, upload it into a fresh snapshot, load it: the same state, chunk store and module hash', async () => {
    const { id, actor } = await fresh();
    await actor.inc();
    await actor.put('k', 'original');
    await actor.setCertified(new Uint8Array([6, 6]));
    await ic.uploadChunk({ canisterId: id, chunk: new Uint8Array(5000).fill(9) });
    const hash = moduleHash(id);
    const taken = await ic.takeCanisterSnapshot({ canisterId: id });
    const d = await download(ic, id, new Uint8Array(taken.id));
    expect(d.module).toEqual(gzWasm);
    expect(d.chunks).toEqual([new Uint8Array(5000).fill(9)]);
    // The snapshot's data is what the canister had.
    const heap = net.replica.getCanister(id)!.module!.runtime.snapshot().heap;
    expect(Buffer.from(d.heap).equals(Buffer.from(heap))).toBe(true);

    await actor.inc();
    await actor.put('k', 'changed');
    await actor.setCertified(new Uint8Array([1]));
    await ic.clearChunkStore({ canisterId: id });
    await ic.deleteCanisterSnapshot({ canisterId: id, snapshotId: taken.id });

    const uploaded = await upload(ic, id, d);
    const u = await ic.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: uploaded });
    expect(u).toMatchObject({
      source: { metadataUpload: null },
      wasmModuleSize: d.metadata.wasmModuleSize,
      wasmMemorySize: d.metadata.wasmMemorySize,
      stableMemorySize: d.metadata.stableMemorySize,
      globals: d.metadata.globals,
    });
    const heapBack = await ic.readCanisterSnapshotData({
      canisterId: id,
      snapshotId: uploaded,
      kind: { wasmMemory: { offset: 0n, size: 1_000_000n } },
    });
    expect(
      Buffer.from(heapBack.chunk as Uint8Array).equals(Buffer.from(d.heap.subarray(0, 1_000_000))),
    ).toBe(true);

    await ic.stopCanister(id);
    await ic.loadCanisterSnapshot({ canisterId: id, snapshotId: uploaded });
    await ic.startCanister(id);
    expect(await actor.get()).toBe(1n);
    expect(await actor.read('k')).toEqual(['original']);
    expect(await certifiedData(id, actor)).toEqual([6, 6]);
    expect(moduleHash(id)).toBe(hash);
    expect((await ic.storedChunks({ canisterId: id })).length).toBe(1);
    expect(await actor.inc()).toBe(2n);
    // Some 100 MB each way (Azle's stable memory is 80 MB) in 2 MB calls.
  }, 300_000);

  /**
   * A snapshot uploaded with the taken one's metadata (and overrides) but only its module: enough
   * for load_canister_snapshot to get past the module (the rest of its memory is zeros).
   */
  const uploadModuleOnly = async (
    id: Principal,
    taken: Uint8Array,
    overrides: Partial<Downloaded['metadata']> = {},
  ) => {
    const metadata = await ic.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: taken });
    const module = new Uint8Array(Number(metadata.wasmModuleSize));
    for (let offset = 0n; offset < metadata.wasmModuleSize; offset += CHUNK) {
      const n = metadata.wasmModuleSize - offset < CHUNK ? metadata.wasmModuleSize - offset : CHUNK;
      const { chunk } = await ic.readCanisterSnapshotData({
        canisterId: id,
        snapshotId: taken,
        kind: { wasmModule: { offset, size: n } },
      });
      module.set(chunk as Uint8Array, Number(offset));
    }
    const empty = new Uint8Array(0);
    return upload(ic, id, { metadata, module, heap: empty, stable: empty, chunks: [] }, overrides);
  };

  it('an uploaded snapshot whose globals or hook status do not fit the canister is refused at load', async () => {
    const { id } = await fresh();
    const taken = new Uint8Array((await ic.takeCanisterSnapshot({ canisterId: id })).id);
    const { globals } = await ic.readCanisterSnapshotMetadata({
      canisterId: id,
      snapshotId: taken,
    });
    const fewer = await uploadModuleOnly(id, taken, { globals: globals.slice(1) });
    const wrongType = await uploadModuleOnly(id, taken, {
      globals: globals.map((g) => ('i32' in g ? { f32: 0 } : g)),
    });
    const hash = moduleHash(id);
    for (const snapshotId of [fewer, wrongType]) {
      expect(await rejectOf(ic.loadCanisterSnapshot({ canisterId: id, snapshotId }))).toMatchObject(
        {
          rejectCode: 4,
          rejectErrorCode: 'IC0408',
          rejectMessage:
            'Wasm exported globals of canister module and snapshot metadata do not match.',
        },
      );
    }
    // The hook's condition cannot hold without a low-memory threshold.
    const ready = await uploadModuleOnly(id, taken, { onLowWasmMemoryHookStatus: { ready: null } });
    expect(
      await rejectOf(ic.loadCanisterSnapshot({ canisterId: id, snapshotId: ready })),
    ).toMatchObject({
      rejectErrorCode: 'IC0408',
      rejectMessage:
        "Hook status (Some(Ready)) of uploaded snapshot is inconsistent with the canister's state (hook condition satisfied: false).",
    });
    expect(moduleHash(id)).toBe(hash);
  });

  it('the global timer: an uploaded snapshot sets it; loading a taken one keeps the current timer, as the IC does', async () => {
    const { id, actor } = await fresh();
    const canister = net.replica.getCanister(id)!;
    const taken = new Uint8Array((await ic.takeCanisterSnapshot({ canisterId: id })).id);
    await actor.startTimer(3600n);
    const timer = canister.globalTimer;
    expect(timer).toBeGreaterThan(0n);
    await ic.loadCanisterSnapshot({ canisterId: id, snapshotId: taken });
    expect(canister.globalTimer).toBe(timer);
    // Metadata without a timer leaves the current one.
    const without = await uploadModuleOnly(id, taken, { globalTimer: undefined });
    await ic.loadCanisterSnapshot({ canisterId: id, snapshotId: without });
    expect(canister.globalTimer).toBe(timer);
    const deadline = timer + 1_000_000_000n;
    const withTimer = await uploadModuleOnly(id, taken, { globalTimer: { active: deadline } });
    await ic.loadCanisterSnapshot({ canisterId: id, snapshotId: withTimer });
    expect(canister.globalTimer).toBe(deadline);
    const inactive = await uploadModuleOnly(id, taken, { globalTimer: { inactive: null } });
    await ic.loadCanisterSnapshot({ canisterId: id, snapshotId: inactive });
    expect(canister.globalTimer).toBe(0n);
  });

  it('an empty canister has nothing to snapshot; uninstall_code empties it after the snapshot', async () => {
    const { id, actor } = await fresh();
    await actor.put('k', 'v');
    const r = await call(owner.getPrincipal(), 'take_canister_snapshot', {
      canister_id: id,
      replace_snapshot: [],
      uninstall_code: [true],
      sender_canister_version: [],
    });
    const taken = r.reply as unknown as { id: Uint8Array };
    expect(net.replica.getCanister(id)!.module).toBeUndefined();
    const empty = await rejectOf(ic.takeCanisterSnapshot({ canisterId: id }));
    expect(empty).toMatchObject({
      rejectCode: 4,
      rejectErrorCode: 'IC0406',
      rejectMessage: `Failed to create snapshot for empty canister ${id.toText()}:`,
    });
    await ic.loadCanisterSnapshot({ canisterId: id, snapshotId: taken.id });
    expect(await actor.read('k')).toEqual(['v']);
    expect(moduleHash(id)).toBe(sha256hex(gzWasm));
  });

  it('deleting a canister deletes its snapshots', async () => {
    const { id } = await fresh();
    const taken = await ic.takeCanisterSnapshot({ canisterId: id });
    await ic.stopCanister(id);
    await ic.deleteCanister(id);
    const { id: other } = await fresh();
    const r = await rejectOf(ic.loadCanisterSnapshot({ canisterId: other, snapshotId: taken.id }));
    expect(r).toMatchObject({ rejectCode: 3, rejectErrorCode: 'IC0305' });
  });
});

describe('snapshots in the state dir', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'localnet-snapshots-'));
  let net: Localnet | undefined;
  afterAll(async () => {
    await net?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('survive a restart: taken and uploaded ones, half-uploaded data included; deleted ones stay deleted', async () => {
    const gz = new Uint8Array(gzipSync(fixtureWasm()));
    net = await startLocalnet({ port: 0, stateDir });
    const id = await net.installCanister(gz, { arg: fixtureInitArg(3n) });
    const actor = fixtureActor(await agentFor(net), id);
    const ic = ICManagementCanister.create({ agent: await agentFor(net) });
    await actor.put('k', 'snapshotted');
    const taken = await ic.takeCanisterSnapshot({ canisterId: id });
    const doomed = await ic.takeCanisterSnapshot({ canisterId: id });
    await net.save();
    await ic.deleteCanisterSnapshot({ canisterId: id, snapshotId: doomed.id });
    const { snapshot_id: partial } = await ic.uploadCanisterSnapshotMetadata({
      canisterId: id,
      metadata: {
        globals: [{ i32: 5 }],
        certifiedData: new Uint8Array([1]),
        globalTimer: { active: 123n },
        onLowWasmMemoryHookStatus: undefined,
        wasmModuleSize: 10n,
        wasmMemorySize: 65536n,
        stableMemorySize: 0n,
      },
    });
    await ic.uploadCanisterSnapshotData({
      canisterId: id,
      snapshotId: partial,
      chunk: new Uint8Array([1, 2, 3]),
      kind: { wasmModule: { offset: 2n } },
    });
    await actor.put('k', 'changed');
    const before = {
      list: await ic.listCanisterSnapshots({ canisterId: id }),
      taken: await ic.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: taken.id }),
      partial: await ic.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: partial }),
    };
    await net.stop();

    net = await startLocalnet({ port: 0, stateDir });
    const ic2 = ICManagementCanister.create({ agent: await agentFor(net) });
    expect(await ic2.listCanisterSnapshots({ canisterId: id })).toEqual(before.list);
    expect(before.list).toHaveLength(2);
    expect(
      await ic2.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: taken.id }),
    ).toEqual(before.taken);
    expect(await ic2.readCanisterSnapshotMetadata({ canisterId: id, snapshotId: partial })).toEqual(
      before.partial,
    );
    const module = await ic2.readCanisterSnapshotData({
      canisterId: id,
      snapshotId: partial,
      kind: { wasmModule: { offset: 0n, size: 10n } },
    });
    expect([...(module.chunk as Uint8Array)]).toEqual([0, 0, 1, 2, 3, 0, 0, 0, 0, 0]);
    const actor2 = fixtureActor(await agentFor(net), id);
    expect(await actor2.read('k')).toEqual(['changed']);
    await ic2.loadCanisterSnapshot({ canisterId: id, snapshotId: taken.id });
    expect(await actor2.read('k')).toEqual(['snapshotted']);
    expect(Buffer.from(net.replica.getCanister(id)!.module!.hash).toString('hex')).toBe(
      sha256hex(gz),
    );
    // New snapshots do not reuse the ids of earlier ones.
    const next = await ic2.takeCanisterSnapshot({ canisterId: id, snapshotId: partial });
    expect(next.id[7]).toBe(3);
  });
});
