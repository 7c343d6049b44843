// The archive on localnet, both canisters real: deploy_archive (only the configured wasm, through
// the management canister), every anchor operation an entry with nothing secret in it, the
// archive pulling on its timer and serving an anchor's history, fetch/acknowledge only for the
// archive (no other caller, no other canister), and the faults: the archive down, II down, the
// buffer full (every operation refused, nothing written), repeated and out-of-range acknowledges,
// and upgrades and downgrades of II with entries buffered.
import { Actor, type ActorSubclass } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canisterInfo, initArg, metric, parseMetrics } from '@ii/client';
import * as C from '../src/candid.js';
import { archiveWasm, iiWasm, v1FormatWasm } from './build-wasm.js';
import { releaseWasm } from './previous-release.js';
import {
  type IIActor,
  type TestNet,
  addDeviceTo,
  deviceFor,
  expectTrap,
  keyOf,
  registerAnchor,
  startWithII,
} from './support.js';

const SECOND_NS = 1_000_000_000n;
const ARCHIVE_CYCLES = 1_000_000_000_000n;
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

function archiveConfig(overrides: Partial<C.ArchiveConfigT> = {}): C.ArchiveConfigT {
  return {
    module_hash: sha256(archiveWasm()),
    entries_buffer_limit: 1_000n,
    entries_fetch_limit: 10,
    polling_interval_ns: SECOND_NS,
    ...overrides,
  };
}

/**
 * II with an archive configuration. The archive needs cycles for its calls to II (localnet, like
 * any subnet but II's system subnet, checks the caller's balance): II gives it 1 T at creation.
 */
async function startArchived(config: C.ArchiveConfigT): Promise<TestNet> {
  return startWithII(
    initArg('test', {
      overrides: { archive_config: [config], canister_creation_cycles_cost: [ARCHIVE_CYCLES] },
    }),
  );
}

async function deploy(t: TestNet): Promise<Principal> {
  const result = await (await t.actor()).deploy_archive(archiveWasm());
  if (!('success' in result)) throw new Error(`deploy_archive: ${JSON.stringify(result)}`);
  return result.success;
}

async function archiveActor(t: TestNet, id: Principal): Promise<ActorSubclass<C.ArchiveService>> {
  return Actor.createActor<C.ArchiveService>(C.archiveIdlFactory, {
    agent: await t.agent(),
    canisterId: id,
  });
}

/** Calls II in process as `sender` (the archive canister's principal, which no agent can sign as). */
async function callAs(
  t: TestNet,
  sender: Principal,
  method: 'fetch_entries' | 'acknowledge_entries',
  args: unknown[],
): Promise<unknown> {
  const f = C.serviceMethods[method];
  const r = await t.net.replica.call(
    sender,
    t.canisterId,
    method,
    new Uint8Array(IDL.encode(f.argTypes, args)),
  );
  if (r.kind === 'reject') throw new Error(r.message);
  return IDL.decode(f.retTypes, r.data)[0];
}

/** stop_canister / start_canister of `id`, called in process as its controller `controller`. */
async function setRunning(t: TestNet, controller: Principal, id: Principal, running: boolean) {
  const r = await t.net.replica.call(
    controller,
    Principal.fromText('aaaaa-aa'),
    running ? 'start_canister' : 'stop_canister',
    new Uint8Array(IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: id }])),
  );
  if (r.kind === 'reject') throw new Error(r.message);
}

async function iiMetrics(ii: IIActor) {
  const response = await ii.http_request({
    method: 'GET',
    url: '/metrics',
    headers: [],
    body: new Uint8Array(),
    certificate_version: [],
  });
  return parseMetrics(new TextDecoder().decode(response.body));
}

/** Waits (real time: the archive's timer runs on localnet's clock) until `done` holds. */
async function until(done: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const operationOf = (e: [] | [C.ArchiveEntryT]) => Object.keys(e[0]!.operation)[0];

describe('deploy_archive', () => {
  it('is refused without archive_config', async () => {
    const t = await startWithII();
    try {
      expect(await (await t.actor()).deploy_archive(archiveWasm())).toEqual({
        failed: 'archive deployment is disabled: the init argument set no archive_config',
      });
    } finally {
      await t.net.stop();
    }
  });
});

describe('the archive, pulling every second', () => {
  let t: TestNet;
  let archive: Principal;
  let owner: Ed25519KeyIdentity;
  let anchor: bigint;
  beforeAll(async () => {
    t = await startArchived(archiveConfig());
    // Before the archive exists, operations are not buffered: nobody would pull them.
    ({ anchor, identity: owner } = await registerAnchor(t));
    const metrics = await iiMetrics(await t.actor());
    expect(metric(metrics, 'internet_identity_buffered_archive_entries')).toBeUndefined();
  });
  afterAll(async () => t?.net.stop());

  it('installs only the wasm whose hash is archive_config.module_hash, through the management canister', async () => {
    const anonymous = await t.actor();
    const wrong = await anonymous.deploy_archive(iiWasm());
    expect(wrong).toMatchObject({
      failed: expect.stringMatching(/^invalid wasm module: its sha256 is /),
    });
    expect((await anonymous.stats()).archive_info.archive_canister).toEqual([]);
    archive = await deploy(t);
    const stats = await anonymous.stats();
    expect(stats.archive_info.archive_canister.map((p) => p.toText())).toEqual([archive.toText()]);
    expect(stats.archive_info.archive_config).toEqual([archiveConfig()]);
    // II alone controls it, and it runs exactly the configured module.
    const info = await canisterInfo(await t.agent(), archive.toText());
    expect(info.controllers).toEqual([t.canisterId.toText()]);
    expect(info.moduleHash).toBe(Buffer.from(archiveConfig().module_hash).toString('hex'));
    const status = await (await archiveActor(t, archive)).status();
    expect(status.init).toEqual({
      ii_canister: t.canisterId,
      max_entries_per_call: 10,
      polling_interval_ns: SECOND_NS,
      error_buffer_limit: 100,
    });
  });

  it('records every anchor operation, v1 and v2, in order, with nothing secret in it', async () => {
    const ii = await t.actor(owner);
    const laptop = Ed25519KeyIdentity.generate();
    const secret = deviceFor(laptop, {
      alias: 'secret alias',
      metadata: [[['note', { string: 'secret value' }]]],
      aaguid: [new Uint8Array(16).fill(0xaa)],
    });
    await ii.add(anchor, secret);
    await ii.update(anchor, keyOf(laptop), { ...secret, alias: 'secret alias 2', origin: [] });
    const phone = Ed25519KeyIdentity.generate();
    await ii.replace(anchor, keyOf(laptop), deviceFor(phone));
    await ii.remove(anchor, keyOf(phone));
    expect(
      await ii.identity_metadata_replace(anchor, [['secret key?', { String: 'secret value 2' }]]),
    ).toEqual({ Ok: null });
    const other = Ed25519KeyIdentity.generate();
    const registered = await (
      await t.actor(other)
    ).identity_register(
      {
        authn_method: { PubKey: { pubkey: keyOf(other) } },
        security_settings: { protection: { Unprotected: null }, purpose: { Authentication: null } },
        metadata: [['alias', { String: 'secret alias 3' }]],
        last_authentication: [],
      },
      { key: '', chars: '' },
      [],
    );
    if (!('Ok' in registered)) throw new Error('identity_register');
    // Not an anchor operation: no entry.
    await ii.prepare_delegation(anchor, 'https://dapp.example', keyOf(laptop), []);

    const archiveApi = await archiveActor(t, archive);
    await until(
      async () => (await archiveApi.status()).number_of_entries === 6n,
      'all 6 are archived',
    );
    const history = await archiveApi.get_anchor_entries(anchor, [], []);
    expect(history.entries.map(operationOf)).toEqual([
      'add_device',
      'update_device',
      'replace_device',
      'remove_device',
      'identity_metadata_replace',
    ]);
    const [add, update] = history.entries.map((e) => e[0]!);
    expect(add!.operation).toEqual({
      add_device: {
        device: {
          pubkey: keyOf(laptop),
          credential_id: secret.credential_id,
          aaguid: secret.aaguid,
          purpose: { authentication: null },
          key_type: { cross_platform: null },
          protection: { unprotected: null },
          origin: secret.origin,
          metadata_keys: [['note']],
        },
      },
    });
    expect(update!.operation).toEqual({
      update_device: {
        device: keyOf(laptop),
        new_values: {
          alias: [{ redacted: null }],
          credential_id: [],
          aaguid: [],
          purpose: [],
          key_type: [],
          protection: [],
          origin: [[]],
          metadata_keys: [],
        },
      },
    });
    for (const e of history.entries) {
      expect(e[0]!.anchor).toBe(anchor);
      expect(e[0]!.caller.toText()).toBe(owner.getPrincipal().toText());
    }
    const all = await archiveApi.get_entries([0n], []);
    const sequence = all.entries.map((e) => e[0]!.sequence_number);
    expect(sequence).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    expect(operationOf(all.entries[5]!)).toBe('register_anchor');
    expect(all.entries[5]![0]!.anchor).toBe(registered.Ok);
    const text = JSON.stringify(all, (_, v: unknown) =>
      v instanceof Uint8Array
        ? Buffer.from(v).toString('utf8')
        : typeof v === 'bigint'
          ? `${v}`
          : v,
    );
    expect(text).not.toMatch(/secret alias|secret value/);
    // The latest entries without an index; at most max_entries_per_call.
    expect(
      (await archiveApi.get_entries([], [2])).entries.map((e) => e[0]!.sequence_number),
    ).toEqual([4n, 5n]);
    expect((await archiveApi.get_entries([], [500])).entries).toHaveLength(6);

    const metrics = await iiMetrics(await t.actor());
    expect(metric(metrics, 'internet_identity_archive_sequence_number')).toBe(6);
    expect(metric(metrics, 'internet_identity_buffered_archive_entries')).toBe(0);
    expect(metric(metrics, 'internet_identity_archive_config_fetch_limit')).toBe(10);
    const archiveMetrics = parseMetrics(
      new TextDecoder().decode(
        (
          await archiveApi.http_request({
            method: 'GET',
            url: '/metrics',
            headers: [],
            body: new Uint8Array(),
            certificate_version: [],
          })
        ).body,
      ),
    );
    expect(metric(archiveMetrics, 'internet_identity_archive_entries')).toBe(6);
    expect(metric(archiveMetrics, 'internet_identity_archive_last_sequence_number')).toBe(5);
  });

  it('fetch_entries and acknowledge_entries are for the archive canister only', async () => {
    const { identity: otherOwner } = await registerAnchor(t);
    for (const caller of [undefined, Ed25519KeyIdentity.generate(), owner, otherOwner]) {
      const ii = await t.actor(caller);
      await expectTrap(
        ii.fetch_entries(),
        'Unauthorized: only the archive canister may call fetch_entries',
      );
      await expectTrap(
        ii.acknowledge_entries(100n),
        'Unauthorized: only the archive canister may call acknowledge_entries',
      );
    }
    // Nor any other canister: II itself, or a canister id that is not the archive's.
    for (const canister of [t.canisterId, Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai')]) {
      await expect(callAs(t, canister, 'fetch_entries', [])).rejects.toThrow(
        'Unauthorized: only the archive canister may call fetch_entries',
      );
      await expect(callAs(t, canister, 'acknowledge_entries', [100n])).rejects.toThrow(
        'Unauthorized: only the archive canister may call acknowledge_entries',
      );
    }
    // The archive canister may (called here in process as it).
    await until(
      async () => ((await callAs(t, archive, 'fetch_entries', [])) as unknown[]).length === 0,
      'drained',
    );
  });

  it('the archive down: entries wait in II; back up, it pulls them all, in order', async () => {
    const archiveApi = await archiveActor(t, archive);
    const before = (await archiveApi.status()).number_of_entries;
    await setRunning(t, t.canisterId, archive, false);
    const ii = await t.actor(owner);
    for (let i = 0; i < 3; i++) await addDeviceTo(t, owner, anchor);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(metric(await iiMetrics(ii), 'internet_identity_buffered_archive_entries')).toBe(3);
    await setRunning(t, t.canisterId, archive, true);
    await until(
      async () => (await archiveApi.status()).number_of_entries === before + 3n,
      'pulled after restart',
    );
    expect(metric(await iiMetrics(ii), 'internet_identity_buffered_archive_entries')).toBe(0);
    const latest = await archiveApi.get_entries([], [3]);
    const seqs = latest.entries.map((e) => e[0]!.sequence_number);
    expect(seqs).toEqual([seqs[0]!, seqs[0]! + 1n, seqs[0]! + 2n]);
  });

  it('II down: the archive records the failed calls, and catches up when II is back', async () => {
    const archiveApi = await archiveActor(t, archive);
    await addDeviceTo(t, owner, anchor);
    // II's controller (anonymous on localnet) stops it.
    await setRunning(t, Principal.anonymous(), t.canisterId, false);
    await until(
      async () =>
        (await archiveApi.status()).call_info.call_errors.some((e) => e.method === 'fetch_entries'),
      'a failed fetch is recorded',
    );
    const failed = (await archiveApi.status()).call_info.call_errors.at(-1)!;
    expect(failed.canister.toText()).toBe(t.canisterId.toText());
    expect(failed.message).toMatch(/stopped|stopping/i);
    await setRunning(t, Principal.anonymous(), t.canisterId, true);
    const ii = await t.actor(owner);
    await until(
      async () => metric(await iiMetrics(ii), 'internet_identity_buffered_archive_entries') === 0,
      'II drained after restart',
    );
  });

  it('a second deploy_archive upgrades the archive, which keeps its entries', async () => {
    const archiveApi = await archiveActor(t, archive);
    const before = await archiveApi.status();
    expect(await (await t.actor()).deploy_archive(archiveWasm())).toEqual({ success: archive });
    const after = await archiveApi.status();
    expect(after.number_of_entries).toBe(before.number_of_entries);
    expect(after.last_sequence_number).toEqual(before.last_sequence_number);
    await addDeviceTo(t, owner, anchor);
    await until(
      async () => (await archiveApi.status()).number_of_entries === before.number_of_entries + 1n,
      'pulled after the upgrade',
    );
  });
});

describe('the buffer: full, fetched and acknowledged (the archive pulling once an hour)', () => {
  let t: TestNet;
  let archive: Principal;
  beforeAll(async () => {
    t = await startArchived(
      archiveConfig({
        entries_buffer_limit: 5n,
        entries_fetch_limit: 3,
        polling_interval_ns: 3600n * SECOND_NS,
      }),
    );
    archive = await deploy(t);
  });
  afterAll(async () => t?.net.stop());

  it('refuses anchor operations while full, changing nothing, each API as it can say so', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    for (let i = 0; i < 4; i++) await addDeviceTo(t, owner, anchor);
    const ii = await t.actor(owner);
    const before = await ii.get_anchor_info(anchor);
    const full = /ArchiveBufferFull: 5 archive entries wait for the archive/;
    await expectTrap(ii.add(anchor, deviceFor(Ed25519KeyIdentity.generate())), full);
    await expectTrap(registerAnchor(t), full);
    expect(await ii.identity_metadata_replace(anchor, [])).toMatchObject({
      Err: { InternalCanisterError: expect.stringMatching(full) },
    });
    await expectTrap(ii.authn_method_remove(anchor, before.devices[1]!.pubkey), full);
    expect(await ii.get_anchor_info(anchor)).toEqual(before);
    expect((await (await t.actor()).stats()).users_registered).toBe(1n);
    // What is not an operation still works.
    await ii.prepare_delegation(anchor, 'https://dapp.example', keyOf(owner), []);

    // The archive fetches at most entries_fetch_limit, oldest first; an acknowledge frees them.
    const first = (await callAs(t, archive, 'fetch_entries', [])) as C.BufferedArchiveEntryT[];
    expect(first.map((e) => e.sequence_number)).toEqual([0n, 1n, 2n]);
    expect(first.map((e) => e.anchor_number)).toEqual([anchor, anchor, anchor]);
    await callAs(t, archive, 'acknowledge_entries', [1n]);
    // Acknowledging again, or an older number, changes nothing and is no error.
    await callAs(t, archive, 'acknowledge_entries', [1n]);
    await callAs(t, archive, 'acknowledge_entries', [0n]);
    const second = (await callAs(t, archive, 'fetch_entries', [])) as C.BufferedArchiveEntryT[];
    expect(second.map((e) => e.sequence_number)).toEqual([2n, 3n, 4n]);
    await ii.add(anchor, deviceFor(Ed25519KeyIdentity.generate()));
    await callAs(t, archive, 'acknowledge_entries', [100n]);
    expect(await callAs(t, archive, 'fetch_entries', [])).toEqual([]);
    // Room again: operations resume, numbered on.
    await ii.add(anchor, deviceFor(Ed25519KeyIdentity.generate()));
    const third = (await callAs(t, archive, 'fetch_entries', [])) as C.BufferedArchiveEntryT[];
    expect(third.map((e) => e.sequence_number)).toEqual([6n]);
  });
});

describe('the buffer full: every anchor operation, v1 and v2, is refused and writes nothing', () => {
  const LIMIT = 4;
  let t: TestNet;
  let archive: Principal;
  let owner: Ed25519KeyIdentity;
  let anchor: bigint;
  let spare: Ed25519KeyIdentity;
  let v2Owner: Ed25519KeyIdentity;
  let identity: bigint;
  let v1Code: string;
  let v2Code: string;
  beforeAll(async () => {
    t = await startArchived(
      archiveConfig({
        entries_buffer_limit: BigInt(LIMIT),
        polling_interval_ns: 3600n * SECOND_NS,
      }),
    );
    archive = await deploy(t);
    // Entries 0 and 1: a v1 anchor with a spare device.
    ({ anchor, identity: owner } = await registerAnchor(t));
    spare = await addDeviceTo(t, owner, anchor);
    // Entry 2: a v2 identity.
    v2Owner = Ed25519KeyIdentity.generate();
    const registered = await (
      await t.actor(v2Owner)
    ).identity_register(v2Method(v2Owner), { key: '', chars: '' }, []);
    if (!('Ok' in registered)) throw new Error('identity_register');
    identity = registered.Ok;
    // A tentative device on each, waiting for its code (registration mode writes no entry).
    const ii = await t.actor(owner);
    await ii.enter_device_registration_mode(anchor);
    const newcomer = Ed25519KeyIdentity.generate();
    const added = await (await t.actor(newcomer)).add_tentative_device(anchor, deviceFor(newcomer));
    if (!('added_tentatively' in added)) throw new Error('add_tentative_device');
    v1Code = added.added_tentatively.verification_code;
    const v2 = await t.actor(v2Owner);
    expect('Ok' in (await v2.authn_method_registration_mode_enter(identity))).toBe(true);
    const method = Ed25519KeyIdentity.generate();
    const code = await (await t.actor(method)).authn_method_register(identity, v2Method(method));
    if (!('Ok' in code)) throw new Error('authn_method_register');
    v2Code = code.Ok.confirmation_code;
    // Entry 3 fills the buffer.
    await addDeviceTo(t, owner, anchor);
    expect(metric(await iiMetrics(ii), 'internet_identity_buffered_archive_entries')).toBe(LIMIT);
  });
  afterAll(async () => t?.net.stop());

  function v2Method(key: Ed25519KeyIdentity): C.AuthnMethodDataT {
    return {
      authn_method: { PubKey: { pubkey: keyOf(key) } },
      security_settings: { protection: { Unprotected: null }, purpose: { Authentication: null } },
      metadata: [['alias', { String: 'key' }]],
      last_authentication: [],
    };
  }

  /** Everything a refused operation could have touched, as the owners and anyone see it. */
  async function snapshot() {
    const ii = await t.actor(owner);
    const v2 = await t.actor(v2Owner);
    const metrics = await iiMetrics(ii);
    return {
      anchor: await ii.get_anchor_info(anchor),
      identity: await v2.identity_info(identity),
      identityAsAnchor: await v2.get_anchor_info(identity),
      registered: (await ii.stats()).users_registered,
      buffered: metric(metrics, 'internet_identity_buffered_archive_entries'),
      sequence: metric(metrics, 'internet_identity_archive_sequence_number'),
    };
  }

  const full = /ArchiveBufferFull: 4 archive entries wait for the archive/;
  const fresh = () => Ed25519KeyIdentity.generate();
  // Each operation and how it says no: a trap where its Candid has no case for it (as the
  // official II traps, "archive entries buffer limit reached"), else its Err.
  const operations: Array<[string, () => Promise<unknown>, 'trap' | ((r: unknown) => void)]> = [
    ['register', () => registerAnchor(t), 'trap'],
    ['add', async () => (await t.actor(owner)).add(anchor, deviceFor(fresh())), 'trap'],
    [
      'update',
      async () =>
        (await t.actor(owner)).update(anchor, keyOf(spare), deviceFor(spare, { alias: 'new' })),
      'trap',
    ],
    [
      'replace',
      async () => (await t.actor(owner)).replace(anchor, keyOf(spare), deviceFor(fresh())),
      'trap',
    ],
    ['remove', async () => (await t.actor(owner)).remove(anchor, keyOf(spare)), 'trap'],
    [
      'verify_tentative_device (the right code)',
      async () => (await t.actor(owner)).verify_tentative_device(anchor, v1Code),
      'trap',
    ],
    [
      'identity_register',
      async () => {
        const key = fresh();
        return (await t.actor(key)).identity_register(v2Method(key), { key: '', chars: '' }, []);
      },
      'trap',
    ],
    [
      'identity_metadata_replace',
      async () =>
        (await t.actor(v2Owner)).identity_metadata_replace(identity, [['k', { String: 'v' }]]),
      (r) =>
        expect(r).toMatchObject({ Err: { InternalCanisterError: expect.stringMatching(full) } }),
    ],
    [
      'authn_method_add',
      async () => (await t.actor(v2Owner)).authn_method_add(identity, v2Method(fresh())),
      'trap',
    ],
    [
      'authn_method_replace',
      async () =>
        (await t.actor(v2Owner)).authn_method_replace(identity, keyOf(v2Owner), v2Method(fresh())),
      'trap',
    ],
    [
      'authn_method_metadata_replace',
      async () =>
        (await t.actor(v2Owner)).authn_method_metadata_replace(identity, keyOf(v2Owner), [
          ['alias', { String: 'renamed' }],
        ]),
      'trap',
    ],
    [
      'authn_method_security_settings_replace',
      async () =>
        (await t.actor(v2Owner)).authn_method_security_settings_replace(identity, keyOf(v2Owner), {
          protection: { Unprotected: null },
          purpose: { Recovery: null },
        }),
      'trap',
    ],
    [
      'authn_method_remove',
      async () => (await t.actor(owner)).authn_method_remove(anchor, keyOf(spare)),
      'trap',
    ],
    [
      'authn_method_confirm (the right code)',
      async () => (await t.actor(v2Owner)).authn_method_confirm(identity, v2Code),
      'trap',
    ],
  ];

  it('every operation is refused as the buffer is full, and nothing changed', async () => {
    const before = await snapshot();
    for (const [name, call, refusal] of operations) {
      if (refusal === 'trap') await expectTrap(call(), full).catch(rethrowAs(name));
      else refusal(await call());
      expect(await snapshot(), name).toEqual(before);
    }
  });

  it('once the archive has taken them, the same operations go through, numbered on', async () => {
    const fetched = (await callAs(t, archive, 'fetch_entries', [])) as C.BufferedArchiveEntryT[];
    expect(fetched.map((e) => e.sequence_number)).toEqual([0n, 1n, 2n, 3n]);
    await callAs(t, archive, 'acknowledge_entries', [3n]);
    // The codes given before the buffer filled still confirm: the refusals consumed no attempt.
    expect(await (await t.actor(owner)).verify_tentative_device(anchor, v1Code)).toEqual({
      verified: null,
    });
    expect(await (await t.actor(v2Owner)).authn_method_confirm(identity, v2Code)).toEqual({
      Ok: null,
    });
    const next = (await callAs(t, archive, 'fetch_entries', [])) as C.BufferedArchiveEntryT[];
    expect(next.map((e) => [e.sequence_number, e.anchor_number])).toEqual([
      [4n, anchor],
      [5n, identity],
    ]);
  });
});

function rethrowAs(name: string) {
  return (error: unknown) => {
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  };
}

describe('upgrades and downgrades of II with entries buffered', () => {
  let t: TestNet;
  let archive: Principal;
  beforeAll(async () => {
    t = await startArchived(archiveConfig({ polling_interval_ns: 3600n * SECOND_NS }));
    archive = await deploy(t);
  });
  afterAll(async () => t?.net.stop());

  const buffered = async () =>
    (await callAs(t, archive, 'fetch_entries', [])) as C.BufferedArchiveEntryT[];
  const upgrade = (wasm: Uint8Array) =>
    t.net.installCanister(wasm, {
      canisterId: t.canisterId,
      mode: 'upgrade',
      arg: new Uint8Array(IDL.encode(C.initArgTypes, [[]])),
    });

  it('keep the buffer and its numbering, also through the previous release, which does not archive', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    await addDeviceTo(t, owner, anchor);
    const entries = await buffered();
    expect(entries.map((e) => e.sequence_number)).toEqual([0n, 1n]);

    await upgrade(iiWasm());
    expect(await buffered()).toEqual(entries);

    // The previous format (this code writing records in format 1) archives too.
    await upgrade(v1FormatWasm());
    await addDeviceTo(t, owner, anchor);
    expect((await buffered()).map((e) => e.sequence_number)).toEqual([0n, 1n, 2n]);

    // The previous release knows no archive: its operations make no entry, the buffer stays.
    await upgrade(releaseWasm());
    await addDeviceTo(t, owner, anchor);
    await upgrade(iiWasm());
    const after = await buffered();
    expect(after.map((e) => e.sequence_number)).toEqual([0n, 1n, 2n]);
    expect(after.slice(0, 2)).toEqual(entries);
    expect((await (await t.actor(owner)).get_anchor_info(anchor)).devices).toHaveLength(4);
    await addDeviceTo(t, owner, anchor);
    expect((await buffered()).map((e) => e.sequence_number)).toEqual([0n, 1n, 2n, 3n]);

    // The archive's hourly pull takes them all.
    await t.net.advanceTime(3_601_000);
    const archiveApi = await archiveActor(t, archive);
    await until(
      async () => (await archiveApi.status()).number_of_entries === 4n,
      'the hourly pull',
    );
    expect(await buffered()).toEqual([]);
  });
});
