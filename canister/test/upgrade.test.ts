/**
 * Upgrades and downgrades with real data (stable-memory schema changes must survive both
 * directions, so that a release can be rolled back): 1,000 anchors written in the previous record
 * format (a build of this code writing format 1, as the previous release does), upgraded to this
 * build (format 3), written to, downgraded to the previous format and upgraded again. Nothing may
 * be lost and every principal must stay the same (the salt survived). test/previous-release.test.ts
 * does the same with the previous release's own code.
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Replica } from '@ii/localnet';
import { type DeviceDataT, type IdentityAnchorInfoT, serviceMethods } from '../src/candid.js';
import { iiWasm, v1FormatWasm } from './build-wasm.js';
import { type TestNet, deviceFor, startWithII } from './support.js';
import { emptyInit, encodeInitArg, initArg } from '@ii/client';

const ANCHORS = 1000;
const FRONTEND = 'https://dapp.example';

type Method = keyof typeof serviceMethods;

/** Calls through the replica's message queue as `sender` (the setup needs 1,000 registrations fast). */
async function call(
  replica: Replica,
  id: Principal,
  sender: Principal,
  method: Method,
  args: unknown[],
): Promise<unknown[]> {
  const func = serviceMethods[method];
  const result = await replica.call(
    sender,
    id,
    method,
    new Uint8Array(IDL.encode(func.argTypes, args)),
  );
  if (result.kind === 'reject') throw new Error(`${method}: ${result.message}`);
  return IDL.decode(func.retTypes, result.data);
}

function query(
  replica: Replica,
  id: Principal,
  sender: Principal,
  method: Method,
  args: unknown[],
): unknown[] {
  const func = serviceMethods[method];
  const result = replica.query(id, method, new Uint8Array(IDL.encode(func.argTypes, args)), sender);
  if (result.kind === 'reject') throw new Error(`${method}: ${result.message}`);
  return IDL.decode(func.retTypes, result.data);
}

interface Snapshot {
  /** The devices (from `lookup`) of every anchor; get_anchor_info and the principal of every tenth. */
  devices: DeviceDataT[];
  info?: IdentityAnchorInfoT;
  principal?: string;
}

describe('upgrade and downgrade with 1,000 anchors', () => {
  let t: TestNet;
  const owners = new Map<bigint, Ed25519KeyIdentity>();

  async function snapshot(): Promise<Map<bigint, Snapshot>> {
    const replica = t.net.replica;
    const out = new Map<bigint, Snapshot>();
    // Sampled where the canister hashes (principals) or an update is needed (get_anchor_info);
    // the updates are queued together so they share rounds. The queries run synchronously, so the
    // loop yields every 50 anchors: a worker blocked for a minute misses vitest's RPC deadline.
    const updates: Array<Promise<void>> = [];
    let i = 0;
    for (const [anchor, identity] of owners) {
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
      const sender = identity.getPrincipal();
      const [devices] = query(replica, t.canisterId, sender, 'lookup', [anchor]) as [DeviceDataT[]];
      const [principal] = query(replica, t.canisterId, sender, 'get_principal', [
        anchor,
        FRONTEND,
      ]) as [Principal];
      const entry: Snapshot = { devices, principal: principal.toText() };
      out.set(anchor, entry);
      if (i % 10 === 0)
        updates.push(
          call(replica, t.canisterId, sender, 'get_anchor_info', [anchor]).then(([info]) => {
            entry.info = info as IdentityAnchorInfoT;
          }),
        );
      i++;
    }
    await Promise.all(updates);
    return out;
  }

  async function upgrade(
    wasm: Uint8Array,
    init: Parameters<typeof encodeInitArg>[0] = null,
  ): Promise<void> {
    await t.net.installCanister(wasm, {
      canisterId: t.canisterId,
      mode: 'upgrade',
      arg: encodeInitArg(init),
    });
  }

  function expectSame(before: Map<bigint, Snapshot>, after: Map<bigint, Snapshot>): void {
    expect(after.size).toBe(before.size);
    for (const [anchor, b] of before) {
      const a = after.get(anchor)!;
      expect(a.principal).toBe(b.principal);
      expect(a.devices).toEqual(b.devices);
      if (b.info && a.info) expect(a.info.devices).toEqual(b.info.devices);
    }
  }

  beforeAll(async () => {
    t = await startWithII(initArg('test'), v1FormatWasm());
    const replica = t.net.replica;
    const identities = Array.from({ length: ANCHORS }, () => Ed25519KeyIdentity.generate());
    // Registrations in batches: calls queued together run in one round.
    for (let i = 0; i < identities.length; i += 100) {
      const batch = identities.slice(i, i + 100);
      const results = await Promise.all(
        batch.map((identity) =>
          call(replica, t.canisterId, identity.getPrincipal(), 'register', [
            deviceFor(identity),
            { key: '', chars: '' },
            [],
          ]),
        ),
      );
      results.forEach(([r], j) =>
        owners.set(
          (r as { registered: { user_number: bigint } }).registered.user_number,
          batch[j]!,
        ),
      );
    }
  }, 600_000);
  afterAll(async () => t?.net.stop());

  const layoutVersion = () =>
    (
      query(t.net.replica, t.canisterId, Principal.anonymous(), 'stats', []) as [
        { users_registered: bigint; storage_layout_version: number },
      ]
    )[0];

  it('keeps every anchor, device and principal from the previous format to this one and back', async () => {
    const replica = t.net.replica;
    expect(owners.size).toBe(ANCHORS);
    expect(layoutVersion().users_registered).toBe(BigInt(ANCHORS));
    expect(layoutVersion().storage_layout_version).toBe(1);
    const original = await snapshot();

    await upgrade(v1FormatWasm());
    expectSame(original, await snapshot());

    // This build reads every format-1 record as it is (migration happens on the next write).
    await upgrade(iiWasm());
    expect(layoutVersion().storage_layout_version).toBe(3);
    expectSame(original, await snapshot());

    // A record this build rewrites (format 3) must still be read after going back.
    const [anchor, owner] = [...owners][0]!; // index 0: sampled, so its principal is compared
    const extra = Ed25519KeyIdentity.generate();
    const extraDevice: DeviceDataT = deviceFor(extra, {
      alias: 'written by format 3',
      credential_id: [new Uint8Array([9, 9])],
    });
    await call(replica, t.canisterId, owner.getPrincipal(), 'add', [anchor, extraDevice]);
    // Identity metadata (v2 API), which only format 3 stores.
    const metadata = [['recovery_page_shown', { String: 'yes' }]];
    const identityMetadata = async () => {
      const [r] = (await call(replica, t.canisterId, owner.getPrincipal(), 'identity_info', [
        anchor,
      ])) as [{ Ok: { metadata: unknown } }];
      return r.Ok.metadata;
    };
    expect(
      await call(replica, t.canisterId, owner.getPrincipal(), 'identity_metadata_replace', [
        anchor,
        metadata,
      ]),
    ).toEqual([{ Ok: null }]);
    expect(await identityMetadata()).toEqual(metadata);
    const withExtra = await snapshot();
    expect(withExtra.get(anchor)!.devices).toHaveLength(2);
    expect(withExtra.get(anchor)!.info?.devices.map((d) => d.alias)).toEqual([
      'test device',
      'written by format 3',
    ]);

    await upgrade(v1FormatWasm());
    expect(layoutVersion().storage_layout_version).toBe(1);
    expectSame(withExtra, await snapshot());
    // The device added under format 3 authenticates after the downgrade.
    const [principal] = query(replica, t.canisterId, extra.getPrincipal(), 'get_principal', [
      anchor,
      FRONTEND,
    ]) as [Principal];
    expect(principal.toText()).toBe(original.get(anchor)!.principal);
    // Format 1 keeps the identity metadata without showing it, and refuses to replace it.
    expect(await identityMetadata()).toEqual([]);
    const [refused] = (await call(
      replica,
      t.canisterId,
      owner.getPrincipal(),
      'identity_metadata_replace',
      [anchor, []],
    )) as [{ Err: { InternalCanisterError: string } }];
    expect(refused.Err.InternalCanisterError).toMatch(/record format 1, which cannot store/);
    // A write by the format-1 build (a new device) keeps it too.
    await call(replica, t.canisterId, owner.getPrincipal(), 'add', [
      anchor,
      deviceFor(Ed25519KeyIdentity.generate(), { alias: 'written by format 1' }),
    ]);
    const afterV1Write = await snapshot();

    await upgrade(iiWasm());
    expect(layoutVersion().storage_layout_version).toBe(3);
    expectSame(afterV1Write, await snapshot());
    expect(await identityMetadata()).toEqual(metadata);
  }, 600_000);

  it('refuses an upgrade argument that would move the anchor range, and keeps running unchanged', async () => {
    const before = await snapshot();
    await expect(
      upgrade(iiWasm(), { ...emptyInit(), assigned_user_number_range: [[20_000n, 30_000n]] }),
    ).rejects.toThrow(/AnchorRangeLoChanged/);
    expectSame(before, await snapshot());
  });
});
