// The three defects a fuzz run found, reproduced from their bytes on the real canister: metadata
// nested deep enough to make an anchor unreadable (also by a stranger, through a tentative device),
// arguments a spec-conforming Candid decoder refuses, and a `vec reserved` of 2^32 - 1 elements.
// Each must now be refused with a clear message, change nothing, and leave the anchor readable.
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METADATA_MAX_DEPTH, METADATA_MAX_ENTRIES } from '../src/anchors/limits.js';
import * as C from '../src/candid.js';
import { rawQuery, rawUpdate } from './raw-call.js';
import {
  type TestNet,
  deviceFor,
  expectTrap,
  keyOf,
  nestedMetadata,
  registerAnchor,
  startWithII,
} from './support.js';

let t: TestNet;
beforeAll(async () => {
  t = await startWithII();
});
afterAll(async () => t?.net.stop());

/** The anchor's `lookup` reply, byte for byte, and the owner's view of it. */
async function snapshot(owner: Ed25519KeyIdentity, anchor: bigint) {
  const agent = await t.agent();
  const arg = new Uint8Array(IDL.encode([C.UserNumber], [anchor]));
  const lookup = await rawQuery(agent, t.canisterId, 'lookup', arg);
  expect(lookup.status).toBe('replied');
  const info = await (await t.actor(owner)).get_anchor_info(anchor);
  return { lookup, info };
}

/** What a refusal says: the domain limit, or (far deeper) the Candid nesting bound. */
function refusalFor(depth: number): RegExp {
  return depth <= 20
    ? new RegExp(`MetadataTooDeep: metadata is nested more than ${METADATA_MAX_DEPTH} levels deep`)
    : /failed to decode call arguments: values are nested too deeply/;
}

describe('deep metadata cannot make an anchor unreadable', () => {
  for (const depth of [METADATA_MAX_DEPTH + 1, 20, 176, 436]) {
    it(`add, update and replace refuse metadata ${depth} levels deep; the anchor reads as before`, async () => {
      const { anchor, identity: owner } = await registerAnchor(t);
      const ii = await t.actor(owner);
      const before = await snapshot(owner, anchor);
      const deep = (id = Ed25519KeyIdentity.generate()) =>
        deviceFor(id, { metadata: [nestedMetadata(depth)] });
      const tooDeep = refusalFor(depth);
      await expectTrap(ii.add(anchor, deep()), tooDeep);
      await expectTrap(ii.update(anchor, keyOf(owner), deep(owner)), tooDeep);
      await expectTrap(ii.replace(anchor, keyOf(owner), deep()), tooDeep);
      expect(await snapshot(owner, anchor)).toEqual(before);
    });
  }

  it('register refuses it too, and no anchor is created', async () => {
    const ii = await t.actor();
    const stats = await ii.stats();
    const id = Ed25519KeyIdentity.generate();
    await expectTrap(
      (await t.actor(id)).register(
        deviceFor(id, { metadata: [nestedMetadata(12)] }),
        { key: '', chars: '' },
        [],
      ),
      refusalFor(12),
    );
    expect((await ii.stats()).users_registered).toBe(stats.users_registered);
  });

  it("a stranger's tentative device with deep metadata is refused; the owner's view still answers", async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    await ii.enter_device_registration_mode(anchor);
    const stranger = Ed25519KeyIdentity.generate();
    for (const depth of [METADATA_MAX_DEPTH + 1, 300]) {
      await expectTrap(
        (await t.actor(stranger)).add_tentative_device(
          anchor,
          deviceFor(stranger, { metadata: [nestedMetadata(depth)] }),
        ),
        refusalFor(depth),
      );
    }
    const info = await ii.get_anchor_info(anchor);
    expect(info.device_registration[0]?.tentative_device).toEqual([]);
  });

  it(`accepts metadata at the limits (${METADATA_MAX_DEPTH} levels, ${METADATA_MAX_ENTRIES} entries) and reads it back unchanged`, async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    const flat: C.MetadataMapT = Array.from({ length: METADATA_MAX_ENTRIES - 1 }, (_, i) => [
      `k${i}`,
      { string: '' },
    ]);
    const device = deviceFor(Ed25519KeyIdentity.generate(), {
      metadata: [
        [...flat.slice(0, -METADATA_MAX_DEPTH + 1), ...nestedMetadata(METADATA_MAX_DEPTH)],
      ],
    });
    await ii.add(anchor, device);
    expect((await ii.get_anchor_info(anchor)).devices[1]).toEqual({ ...device, last_usage: [] });
    const tooMany = deviceFor(Ed25519KeyIdentity.generate(), {
      metadata: [[...flat, ['one', { string: '' }], ['more', { string: '' }]]],
    });
    await expectTrap(ii.add(anchor, tooMany), 'TooManyMetadataEntries');
  });

  it('an anchor cannot grow past 4 KiB: further adds are refused, removal still works', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    const padded = () =>
      deviceFor(Ed25519KeyIdentity.generate(), {
        metadata: [
          Array.from({ length: METADATA_MAX_ENTRIES }, (_, i): [string, C.MetadataValueT] => [
            `${i}`,
            { string: '' },
          ]),
        ],
      });
    let message = '';
    for (let i = 0; i < 9 && !message; i++) {
      try {
        await ii.add(anchor, padded());
      } catch (e) {
        message = (e as Error).message;
      }
    }
    expect(message).toMatch(/AnchorTooLarge|the limit is 4096/);
    const info = await ii.get_anchor_info(anchor);
    await ii.remove(anchor, info.devices[1].pubkey);
    expect((await ii.get_anchor_info(anchor)).devices).toHaveLength(info.devices.length - 1);
  });
});

describe('arguments a spec-conforming Candid decoder refuses are refused', () => {
  const device = (id: Ed25519KeyIdentity) =>
    deviceFor(id, {
      credential_id: [new Uint8Array(20).fill(1)],
      metadata: [[['k', { string: 'v' }]]],
    });

  it('add with its last 14 bytes cut (a blob running past the end) changes nothing', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const before = await snapshot(owner, anchor);
    const full = new Uint8Array(
      IDL.encode(C.serviceMethods.add.argTypes, [anchor, device(Ed25519KeyIdentity.generate())]),
    );
    const r = await rawUpdate(
      await t.agent(owner),
      t.canisterId,
      'add',
      full.subarray(0, full.length - 14),
    );
    expect(r).toMatchObject({ status: 'rejected', code: 5 });
    expect(r.status === 'rejected' && r.message).toMatch(
      /failed to decode call arguments: the message ends inside a value/,
    );
    expect(await snapshot(owner, anchor)).toEqual(before);
  });

  it("a stranger's truncated add_tentative_device adds no tentative device", async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    await (await t.actor(owner)).enter_device_registration_mode(anchor);
    const stranger = Ed25519KeyIdentity.generate();
    const full = new Uint8Array(
      IDL.encode(C.serviceMethods.add_tentative_device.argTypes, [anchor, device(stranger)]),
    );
    for (const cut of [1, 6, 14, 20]) {
      const r = await rawUpdate(
        await t.agent(stranger),
        t.canisterId,
        'add_tentative_device',
        full.subarray(0, full.length - cut),
      );
      expect(r.status).toBe('rejected');
    }
    const info = await (await t.actor(owner)).get_anchor_info(anchor);
    expect(info.device_registration[0]?.tentative_device).toEqual([]);
  });

  it('trailing bytes after the last argument are refused', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const arg = new Uint8Array(IDL.encode([C.UserNumber], [anchor]));
    const r = await rawQuery(
      await t.agent(owner),
      t.canisterId,
      'lookup',
      new Uint8Array([...arg, 0]),
    );
    expect(r.status === 'rejected' && r.message).toMatch(/bytes are left over/);
  });
});

describe('no argument holds the canister', () => {
  it('update with an extra `vec reserved` of 2^32 - 1 elements is refused at once', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const types = [...C.serviceMethods.update.argTypes, IDL.Vec(IDL.Reserved)];
    const empty = new Uint8Array(
      IDL.encode(types, [anchor, keyOf(owner), deviceFor(owner, { alias: 'renamed' }), []]),
    );
    // The empty vec's length is the message's last byte: declare 2^32 - 1 elements instead.
    const bomb = new Uint8Array([...empty.subarray(0, -1), 0xff, 0xff, 0xff, 0xff, 0x0f]);
    const r = await rawUpdate(await t.agent(owner), t.canisterId, 'update', bomb);
    expect(r.status === 'rejected' && r.message).toMatch(
      /the message holds more values than a call may decode/,
    );
    // The canister answers the next call, and the device was not renamed.
    const info = await (await t.actor(owner)).get_anchor_info(anchor);
    expect(info.devices[0].alias).toBe('test device');
  });
});
