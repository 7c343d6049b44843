// Canister semantics on real fixture wasm: rollback, queries, upgrades, the management canister,
// inter-canister calls, timers and time.
import {
  Actor,
  CanisterStatus,
  Certificate,
  type HttpAgent,
  lookupResultToBuffer,
} from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import {
  type InstallModeArg,
  type ManagementService,
  emptySettings,
  managementActor,
} from '../src/management-actor.js';
import { canisterIdFromIndex } from '../src/replica/ids.js';
import { fixtureWasm } from '../src/testing/fixtures.js';
import { type FixtureActor, fixtureInitArg } from './fixture-idl.test-support.js';
import { agentFor, fixtureActor, label, readLeb128, sha256hex } from './test-support.js';
import type { ActorSubclass } from '@dfinity/agent';

const decodeNat64 = (b: Uint8Array) => IDL.decode([IDL.Nat64], b)[0] as bigint;
const decodeText = (b: Uint8Array) => IDL.decode([IDL.Text], b)[0] as string;
const upgrade: InstallModeArg = { upgrade: [] };

describe('canister semantics', () => {
  let net: Localnet;
  let agent: HttpAgent;
  let mgmt: ActorSubclass<ManagementService>;
  let wasm: Uint8Array;
  /** The fixture gzipped: under the 2 MiB ingress limit, unlike the raw module. */
  let gzWasm: Uint8Array;
  let id: Principal;
  let actor: FixtureActor;

  const moduleHash = async (canisterId: Principal) =>
    (await CanisterStatus.request({ canisterId, agent, paths: ['module_hash'] })).get(
      'module_hash',
    );
  const install = (canisterId: Principal, mode: InstallModeArg, arg: bigint, module = gzWasm) =>
    mgmt.install_code({
      mode,
      canister_id: canisterId,
      wasm_module: module,
      arg: fixtureInitArg(arg),
      sender_canister_version: [],
    });
  const create = async (controllers?: Principal[]) =>
    (
      await mgmt.provisional_create_canister_with_cycles({
        amount: [],
        settings: controllers ? [{ ...emptySettings(), controllers: [controllers] }] : [],
        specified_id: [],
        sender_canister_version: [],
      })
    ).canister_id;

  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
    wasm = fixtureWasm();
    gzWasm = gzip(wasm);
    id = await net.installCanister(wasm, { arg: fixtureInitArg(1n) });
    agent = await agentFor(net);
    mgmt = managementActor(agent);
    actor = fixtureActor(agent, id);
  });
  afterAll(async () => {
    await net.stop();
  });

  it('a trap rolls back heap, stable memory and certified data; the next call works', async () => {
    await actor.setCertified(new Uint8Array([1, 2, 3]));
    const counter = await actor.inc();
    await expect(actor.putThenTrap('trapped')).rejects.toThrow(/boom/);
    expect(await actor.get()).toBe(counter);
    expect(await actor.read('trapped')).toEqual([]);
    const [dataCertificate] = await actor.certificate();
    const cert = await Certificate.create({
      certificate: dataCertificate!,
      rootKey: net.rootKey,
      canisterId: id,
    });
    expect([
      ...lookupResultToBuffer(cert.lookup_path(['canister', id.toUint8Array(), 'certified_data']))!,
    ]).toEqual([1, 2, 3]);
    expect(await actor.inc()).toBe(counter + 1n);
  });

  it("a query's changes are discarded", async () => {
    const counter = await actor.get();
    expect(await actor.incInQuery()).toBe(counter + 1n);
    expect(await actor.incInQuery()).toBe(counter + 1n);
    expect(await actor.get()).toBe(counter);
  });

  it('a query method called as an update runs replicated and its changes are discarded', async () => {
    const asUpdate = Actor.createActor<{
      incInQuery(): Promise<bigint>;
      info(): Promise<{ replicated: boolean }>;
    }>(
      ({ IDL: I }) =>
        I.Service({
          incInQuery: I.Func([], [I.Nat64], []),
          info: I.Func([], [I.Record({ replicated: I.Bool })], []),
        }),
      { agent, canisterId: id },
    );
    const counter = await actor.get();
    expect(await asUpdate.incInQuery()).toBe(counter + 1n);
    expect(await actor.get()).toBe(counter);
    expect((await asUpdate.info()).replicated).toBe(true);
    expect((await actor.info()).replicated).toBe(false);
  });

  it('upgrade keeps stable memory, resets the heap and runs pre/post upgrade hooks', async () => {
    await actor.put('kept', 'across upgrades');
    await actor.inc();
    const pre = (await actor.hook('preUpgrade'))[0] ?? 0n;
    const post = (await actor.hook('postUpgrade'))[0] ?? 0n;
    const version = (await actor.info()).version;
    await install(id, upgrade, 5n);
    expect(await actor.hook('preUpgrade')).toEqual([pre + 1n]);
    expect(await actor.hook('postUpgrade')).toEqual([post + 1n]);
    expect(await actor.read('kept')).toEqual(['across upgrades']);
    expect(await actor.get()).toBe(0n);
    expect(await actor.getInitArg()).toBe(5n);
    expect((await actor.info()).version).toBeGreaterThan(version);
  });

  it('a failed upgrade keeps the old module, module hash and state', async () => {
    const other = gzip(withMarker(wasm));
    const counter = await actor.inc();
    const hash = await moduleHash(id);
    const pre = await actor.hook('preUpgrade');
    await expect(install(id, upgrade, 999n, other)).rejects.toThrow(/post_upgrade refused/);
    expect(await moduleHash(id)).toBe(hash);
    expect(hash).toBe(sha256hex(gzWasm));
    expect(await actor.get()).toBe(counter);
    // pre_upgrade ran and wrote stable memory, but that is rolled back too.
    expect(await actor.hook('preUpgrade')).toEqual(pre);
    expect(await actor.read('kept')).toEqual(['across upgrades']);
    expect(await actor.inc()).toBe(counter + 1n);
  });

  it('reinstall wipes heap and stable memory', async () => {
    const c = await create();
    await install(c, { install: null }, 2n);
    const a = fixtureActor(agent, c);
    await a.put('gone', 'soon');
    await a.inc();
    await install(c, { reinstall: null }, 3n);
    expect(await a.read('gone')).toEqual([]);
    expect(await a.get()).toBe(0n);
    expect(await a.getInitArg()).toBe(3n);
    expect(await a.hook('init')).toEqual([3n]);
    expect(await a.hook('preUpgrade')).toEqual([]);
    // install on a non-empty canister is refused.
    await expect(install(c, { install: null }, 4n)).rejects.toThrow(/not empty/);
  });

  it('only controllers may install_code, canister_status, update_settings, stop and delete (403 for others)', async () => {
    const owner = Ed25519KeyIdentity.generate();
    const ownerMgmt = managementActor(await agentFor(net, { identity: owner }));
    const c = await create([owner.getPrincipal()]);
    const stranger = managementActor(
      await agentFor(net, { identity: Ed25519KeyIdentity.generate() }),
    );
    // Any module will do: the controller check comes first.
    const tiny = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    for (const m of [stranger, mgmt]) {
      // Refused by the ingress filter with 403, as on the IC, before any execution.
      const notController = new RegExp(
        `403[\\s\\S]*Only controllers of canister ${c.toText()} can call ic00 method`,
      );
      await expect(
        m.install_code({
          mode: { install: null },
          canister_id: c,
          wasm_module: tiny,
          arg: fixtureInitArg(0n),
          sender_canister_version: [],
        }),
      ).rejects.toThrow(notController);
      await expect(m.canister_status({ canister_id: c })).rejects.toThrow(notController);
      await expect(
        m.update_settings({
          canister_id: c,
          settings: { ...emptySettings(), controllers: [[Principal.anonymous()]] },
          sender_canister_version: [],
        }),
      ).rejects.toThrow(notController);
      await expect(m.stop_canister({ canister_id: c })).rejects.toThrow(notController);
      await expect(m.delete_canister({ canister_id: c })).rejects.toThrow(notController);
    }
    const status = await ownerMgmt.canister_status({ canister_id: c });
    expect(status.settings.controllers.map((p) => p.toText())).toEqual([
      owner.getPrincipal().toText(),
    ]);
    expect(status.status).toEqual({ running: null });
    // The owner hands control to the anonymous principal too; then anonymous may act.
    await ownerMgmt.update_settings({
      canister_id: c,
      settings: {
        ...emptySettings(),
        controllers: [[owner.getPrincipal(), Principal.anonymous()]],
      },
      sender_canister_version: [],
    });
    expect((await mgmt.canister_status({ canister_id: c })).settings.controllers).toHaveLength(2);
    const controllers = (
      await CanisterStatus.request({ canisterId: c, agent, paths: ['controllers'] })
    ).get('controllers') as Principal[];
    expect(controllers.map((p) => p.toText()).sort()).toEqual(
      [owner.getPrincipal().toText(), Principal.anonymous().toText()].sort(),
    );
  });

  it('a module over 2 MiB cannot be sent in one message but installs in chunks', async () => {
    expect(wasm.length).toBeGreaterThan(2 * 1024 * 1024);
    const c = await create();
    // The IC refuses ingress messages over 2 MiB before they reach the management canister.
    await expect(install(c, { install: null }, 0n, wasm)).rejects.toThrow(/413/);
    const chunkSize = 1024 * 1024;
    const hashes: Array<{ hash: Uint8Array }> = [];
    for (let offset = 0; offset < wasm.length; offset += chunkSize) {
      hashes.push(
        await mgmt.upload_chunk({
          canister_id: c,
          chunk: wasm.subarray(offset, offset + chunkSize),
        }),
      );
    }
    expect(hashes.length).toBe(Math.ceil(wasm.length / chunkSize));
    expect((await mgmt.stored_chunks({ canister_id: c })).length).toBe(hashes.length);
    const wasmHash = new Uint8Array(Buffer.from(sha256hex(wasm), 'hex'));
    // The chunks in the wrong order do not hash to the module.
    await expect(
      mgmt.install_chunked_code({
        mode: { install: null },
        target_canister: c,
        store_canister: [],
        chunk_hashes_list: [...hashes].reverse(),
        wasm_module_hash: wasmHash,
        arg: fixtureInitArg(8n),
        sender_canister_version: [],
      }),
    ).rejects.toThrow(/does not match/);
    await mgmt.install_chunked_code({
      mode: { install: null },
      target_canister: c,
      store_canister: [],
      chunk_hashes_list: hashes,
      wasm_module_hash: wasmHash,
      arg: fixtureInitArg(8n),
      sender_canister_version: [],
    });
    expect(await fixtureActor(agent, c).getInitArg()).toBe(8n);
    expect(await moduleHash(c)).toBe(sha256hex(wasm));
  });

  it('a gzipped module installs through install_code', async () => {
    const gz = gzWasm;
    expect(gz.length).toBeLessThan(2 * 1024 * 1024);
    const c = await create();
    await install(c, { install: null }, 6n, gz);
    expect(await fixtureActor(agent, c).getInitArg()).toBe(6n);
    expect(await moduleHash(c)).toBe(sha256hex(gz));
    const status = await mgmt.canister_status({ canister_id: c });
    expect(Buffer.from(status.module_hash[0]!).toString('hex')).toBe(sha256hex(gz));
  });

  it('stop_canister makes calls fail until start_canister', async () => {
    const c = await create();
    await install(c, { install: null }, 0n, gzWasm);
    const a = fixtureActor(agent, c);
    expect(await a.inc()).toBe(1n);
    await mgmt.stop_canister({ canister_id: c });
    expect((await mgmt.canister_status({ canister_id: c })).status).toEqual({ stopped: null });
    await expect(a.inc()).rejects.toThrow(/is stopped/);
    await expect(a.get()).rejects.toThrow(/is stopped/);
    await mgmt.start_canister({ canister_id: c });
    expect((await mgmt.canister_status({ canister_id: c })).status).toEqual({ running: null });
    expect(await a.inc()).toBe(2n);
  });

  it('delete_canister needs a stopped canister, then the canister is gone', async () => {
    const c = await create();
    await install(c, { install: null }, 0n, gzWasm);
    await expect(mgmt.delete_canister({ canister_id: c })).rejects.toThrow(/must be stopped/);
    await mgmt.stop_canister({ canister_id: c });
    await mgmt.delete_canister({ canister_id: c });
    expect(net.replica.getCanister(c)).toBeUndefined();
    await expect(mgmt.canister_status({ canister_id: c })).rejects.toThrow(/not found/);
    await expect(fixtureActor(agent, c).inc()).rejects.toThrow(
      new RegExp(`400[\\s\\S]*Canister ${c.toText()} not found`),
    );
  });

  it('raw_rand gives 32 fresh bytes per call', async () => {
    const a = await actor.randomBytes();
    const b = await actor.randomBytes();
    expect(a.length).toBe(32);
    expect(b.length).toBe(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('inter-canister calls reply, and a call to a missing canister is rejected', async () => {
    const callee = await net.installCanister(gzWasm, { arg: fixtureInitArg(0n) });
    const before = await actor.get();
    expect(decodeNat64(await actor.callOther(callee, 'inc'))).toBe(1n);
    expect(decodeNat64(await actor.callOther(callee, 'inc'))).toBe(2n);
    expect(await fixtureActor(agent, callee).get()).toBe(2n);
    // The callee sees the calling canister as its caller.
    expect(decodeText(await actor.callOther(callee, 'whoamiUpdate'))).toBe(id.toText());
    expect(await actor.get()).toBe(before + 3n);
    // A missing callee: the call is rejected; the caller's changes made before the await persist.
    const missing = canisterIdFromIndex(77_777n);
    await expect(actor.callOther(missing, 'inc')).rejects.toThrow(
      new RegExp(`Canister ${missing.toText()} not found`),
    );
    expect(await actor.get()).toBe(before + 4n);
    // A missing method on an existing callee is rejected as well.
    await expect(actor.callOther(callee, 'noSuchMethod')).rejects.toThrow(
      /has no update method 'noSuchMethod'/,
    );
  });

  it('timers fire when advanceTime passes their deadline', async () => {
    const fired = await actor.timerCount();
    await actor.startTimer(5n);
    await net.advanceTime(4_000);
    expect(await actor.timerCount()).toBe(fired);
    await net.advanceTime(2_000);
    expect(await actor.timerCount()).toBe(fired + 1n);
    await net.advanceTime(60_000);
    expect(await actor.timerCount()).toBe(fired + 1n);
  });

  it('canister time moves with advanceTime while the certified time stays on the wall clock', async () => {
    const before = await actor.now();
    await net.advanceTime(3_600_000);
    const after = await actor.now();
    expect(after - before).toBeGreaterThanOrEqual(3_600_000_000_000n);
    const { certificate } = await agent.readState(id, { paths: [[label('time')]] });
    const cert = await Certificate.create({ certificate, rootKey: net.rootKey, canisterId: id });
    const certified = readLeb128(lookupResultToBuffer(cert.lookup_path(['time']))!);
    const wall = BigInt(Date.now()) * 1_000_000n;
    expect(certified > wall ? certified - wall : wall - certified).toBeLessThan(60_000_000_000n);
    // And updates still pass the agent's certificate freshness check.
    expect(await actor.inc()).toBeGreaterThan(0n);
  });
});

function gzip(b: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(b));
}

/** The same module with a custom section appended, so that it has another hash. */
function withMarker(b: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([b, Buffer.from([0, 7, 6, ...Buffer.from('marker')])]));
}
