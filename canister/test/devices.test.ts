// Device management on the real canister: add / update / replace / remove, every limit and rule
// with the message it traps with (and the anchor unchanged after), lookup,
// get_anchor_credentials and last_usage.
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceDataT } from '../src/candid.js';
import {
  type TestNet,
  addDeviceTo,
  deviceFor,
  expectTrap,
  keyOf,
  recoveryPhraseFor,
  registerAnchor,
  startWithII,
} from './support.js';

let t: TestNet;
beforeAll(async () => {
  t = await startWithII();
});
afterAll(async () => t?.net.stop());

const bytes = (n: number, fill = 7): Uint8Array => new Uint8Array(n).fill(fill);

/** A device that is never used to sign: any key bytes will do. */
function keyDevice(pubkey: Uint8Array, overrides: Partial<DeviceDataT> = {}): DeviceDataT {
  return deviceFor(Ed25519KeyIdentity.generate(), { pubkey, ...overrides });
}

/** Asserts that `call` traps with `text` and that the anchor's devices did not change. */
async function expectRefused(
  owner: Ed25519KeyIdentity,
  anchor: bigint,
  call: () => Promise<unknown>,
  text: string | RegExp,
): Promise<void> {
  const ii = await t.actor(owner);
  const before = await ii.get_anchor_info(anchor);
  await expectTrap(call(), text);
  expect(await ii.get_anchor_info(anchor)).toEqual(before);
}

describe('add / update / replace / remove', () => {
  it('add appends the device as given; update changes it in place; replace swaps it', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    const laptop = Ed25519KeyIdentity.generate();
    const added = deviceFor(laptop, {
      alias: 'laptop 💻',
      credential_id: [bytes(64, 9)],
      purpose: { recovery: null },
      key_type: { platform: null },
      origin: ['https://identity.internetcomputer.org'],
      metadata: [[['note', { string: 'hello' }]]],
    });
    await ii.add(anchor, added);
    let info = await ii.get_anchor_info(anchor);
    expect(info.devices).toHaveLength(2);
    expect(info.devices[1]).toEqual({ ...added, last_usage: [] });

    // update: same key, other fields change, position kept.
    await ii.update(anchor, keyOf(laptop), deviceFor(laptop, { alias: 'renamed', origin: [] }));
    info = await ii.get_anchor_info(anchor);
    expect(info.devices[1]).toMatchObject({ alias: 'renamed', origin: [], pubkey: keyOf(laptop) });

    // replace: a new key at the same position; the old key no longer authenticates.
    const phone = Ed25519KeyIdentity.generate();
    await ii.replace(anchor, keyOf(laptop), deviceFor(phone, { alias: 'phone' }));
    info = await ii.get_anchor_info(anchor);
    expect(info.devices.map((d) => d.alias)).toEqual(['test device', 'phone']);
    expect(info.devices[1].pubkey).toEqual(keyOf(phone));
    await expectTrap((await t.actor(laptop)).get_anchor_info(anchor), 'Unauthorized');
    expect((await (await t.actor(phone)).get_anchor_info(anchor)).devices).toHaveLength(2);

    // remove
    await ii.remove(anchor, keyOf(phone));
    expect((await ii.get_anchor_info(anchor)).devices.map((d) => d.alias)).toEqual(['test device']);
  });

  it('a device can remove itself, and the last device can be removed (the spec allows both)', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const other = await addDeviceTo(t, owner, anchor, { alias: 'other' });
    const ii = await t.actor(other);
    await ii.remove(anchor, keyOf(other));
    await expectTrap(ii.get_anchor_info(anchor), 'Unauthorized');
    const own = await t.actor(owner);
    expect((await own.get_anchor_info(anchor)).devices.map((d) => d.alias)).toEqual([
      'test device',
    ]);
    await own.remove(anchor, keyOf(owner));
    expect(await own.lookup(anchor)).toEqual([]);
    await expectTrap(own.get_anchor_info(anchor), 'Unauthorized');
  });

  it('update and remove of a key the anchor does not have are refused', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    const ghost = Ed25519KeyIdentity.generate();
    await expectRefused(
      owner,
      anchor,
      () => ii.update(anchor, keyOf(ghost), deviceFor(ghost)),
      'DeviceNotFound',
    );
    await expectRefused(
      owner,
      anchor,
      () => ii.replace(anchor, keyOf(ghost), deviceFor(Ed25519KeyIdentity.generate())),
      'DeviceNotFound',
    );
    await expectRefused(owner, anchor, () => ii.remove(anchor, keyOf(ghost)), 'DeviceNotFound');
  });

  it('update cannot change the key', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    await expectRefused(
      owner,
      anchor,
      () => ii.update(anchor, keyOf(owner), deviceFor(Ed25519KeyIdentity.generate())),
      'CannotModifyDeviceKey: the device key cannot be updated; use replace',
    );
  });
});

describe('every error path, with a clear message, leaving the anchor unchanged', () => {
  let anchor: bigint;
  let owner: Ed25519KeyIdentity;
  beforeAll(async () => {
    ({ anchor, identity: owner } = await registerAnchor(t));
  });

  it('a duplicate key (add, and replace onto another device)', async () => {
    const ii = await t.actor(owner);
    await expectRefused(owner, anchor, () => ii.add(anchor, deviceFor(owner)), 'DuplicateDevice');
    const other = await addDeviceTo(t, owner, anchor);
    await expectRefused(
      owner,
      anchor,
      () => ii.replace(anchor, keyOf(other), deviceFor(owner)),
      'DuplicateDevice',
    );
    await ii.remove(anchor, keyOf(other));
  });

  it('field limits: alias 64 bytes, pubkey 300, credential id 350, origin 50', async () => {
    const ii = await t.actor(owner);
    const k = () => bytes(44, Math.floor(Math.random() * 255));
    // Bytes, not characters: 33 × "é" is 66 bytes.
    await expectRefused(
      owner,
      anchor,
      () => ii.add(anchor, keyDevice(k(), { alias: 'é'.repeat(33) })),
      'AliasTooLong: alias is 66 bytes long, the limit is 64 bytes',
    );
    await expectRefused(
      owner,
      anchor,
      () => ii.add(anchor, keyDevice(bytes(301))),
      'PubkeyTooLong: pubkey is 301 bytes long, the limit is 300 bytes',
    );
    await expectRefused(
      owner,
      anchor,
      () => ii.add(anchor, keyDevice(k(), { credential_id: [bytes(351)] })),
      'CredentialIdTooLong: credential_id is 351 bytes long, the limit is 350 bytes',
    );
    await expectRefused(
      owner,
      anchor,
      () => ii.add(anchor, keyDevice(k(), { origin: ['https://' + 'a'.repeat(43)] })),
      'OriginTooLong: origin is 51 bytes long, the limit is 50 bytes',
    );
    // The same limits apply to update.
    await expectRefused(
      owner,
      anchor,
      () => ii.update(anchor, keyOf(owner), deviceFor(owner, { alias: 'a'.repeat(65) })),
      'AliasTooLong',
    );
    // Exactly at the limits is fine.
    const max = keyDevice(bytes(300, 1), {
      alias: 'a'.repeat(64),
      credential_id: [bytes(350)],
      origin: ['https://' + 'a'.repeat(42)],
    });
    await ii.add(anchor, max);
    expect((await ii.get_anchor_info(anchor)).devices[1]).toMatchObject({
      alias: max.alias,
      pubkey: max.pubkey,
    });
    await ii.remove(anchor, max.pubkey);
  });

  it('the 2,500-byte limit on the variable fields of all devices', async () => {
    const ii = await t.actor(owner);
    // 764 bytes each (300 + 64 + 350 + 50); the first device has 83: 83 + 3 × 764 = 2,375.
    const big = (fill: number) =>
      keyDevice(bytes(300, fill), {
        alias: 'a'.repeat(64),
        credential_id: [bytes(350)],
        origin: ['https://' + 'a'.repeat(42)],
      });
    for (const fill of [1, 2, 3]) await ii.add(anchor, big(fill));
    await expectRefused(
      owner,
      anchor,
      () => ii.add(anchor, big(4)),
      'VariableFieldsLimitExceeded: the variable-length fields of all devices add up to 3139 bytes, the limit is 2500',
    );
    // Metadata counts too (keys and values): 2,375 + 4 + 121 = 2,500 exactly is fine, one more is not.
    await expectRefused(
      owner,
      anchor,
      () =>
        ii.update(
          anchor,
          keyOf(owner),
          deviceFor(owner, { metadata: [[['note', { string: 'x'.repeat(122) }]]] }),
        ),
      'VariableFieldsLimitExceeded',
    );
    await ii.update(
      anchor,
      keyOf(owner),
      deviceFor(owner, { metadata: [[['note', { string: 'x'.repeat(121) }]]] }),
    );
    for (const fill of [1, 2, 3]) await ii.remove(anchor, bytes(300, fill));
    await ii.update(anchor, keyOf(owner), deviceFor(owner));
  });

  it('more than 10 devices', async () => {
    const ii = await t.actor(owner);
    const keys: Uint8Array[] = [];
    for (let i = 0; i < 9; i++) {
      keys.push(bytes(44, 100 + i));
      await ii.add(anchor, keyDevice(keys[i]));
    }
    expect((await ii.get_anchor_info(anchor)).devices).toHaveLength(10);
    await expectRefused(
      owner,
      anchor,
      () => ii.add(anchor, keyDevice(bytes(44, 200))),
      'TooManyDevices: an anchor can have at most 10 devices, this change makes 11',
    );
    for (const key of keys) await ii.remove(anchor, key);
  });

  it('reserved metadata keys', async () => {
    const ii = await t.actor(owner);
    for (const key of ['alias', 'pubkey', 'usage', 'authenticator_attachment']) {
      await expectRefused(
        owner,
        anchor,
        () => ii.add(anchor, keyDevice(bytes(44, 50), { metadata: [[[key, { string: 'x' }]]] })),
        `ReservedMetadataKey: metadata key '${key}' is reserved`,
      );
    }
  });

  it('only a seed_phrase device may be protected, and it has no credential id', async () => {
    const ii = await t.actor(owner);
    for (const keyType of [{ platform: null }, { cross_platform: null }, { unknown: null }]) {
      await expectRefused(
        owner,
        anchor,
        () =>
          ii.add(
            anchor,
            keyDevice(bytes(44, 60), { key_type: keyType, protection: { protected: null } }),
          ),
        'InvalidDeviceProtection: only recovery phrases can be protected',
      );
    }
    await expectRefused(
      owner,
      anchor,
      () => ii.update(anchor, keyOf(owner), deviceFor(owner, { protection: { protected: null } })),
      'InvalidDeviceProtection',
    );
    await expectRefused(
      owner,
      anchor,
      () =>
        ii.add(
          anchor,
          recoveryPhraseFor(Ed25519KeyIdentity.generate(), 'protected', {
            credential_id: [bytes(8)],
          }),
        ),
      'RecoveryPhraseWithCredentialId',
    );
  });

  it('one recovery phrase per anchor', async () => {
    const ii = await t.actor(owner);
    const phrase = Ed25519KeyIdentity.generate();
    await ii.add(anchor, recoveryPhraseFor(phrase, 'unprotected'));
    await expectRefused(
      owner,
      anchor,
      () => ii.add(anchor, recoveryPhraseFor(Ed25519KeyIdentity.generate(), 'protected')),
      'MultipleRecoveryPhrases: there is already a recovery phrase and only one is allowed',
    );
    // Turning another device into a second phrase is refused as well.
    const other = await addDeviceTo(t, owner, anchor);
    await expectRefused(
      owner,
      anchor,
      () => ii.update(anchor, keyOf(other), recoveryPhraseFor(other, 'unprotected')),
      'MultipleRecoveryPhrases',
    );
    // Replacing the phrase with a new phrase is fine: there is still one.
    const newPhrase = Ed25519KeyIdentity.generate();
    await ii.replace(anchor, keyOf(phrase), recoveryPhraseFor(newPhrase, 'unprotected'));
    await ii.remove(anchor, keyOf(newPhrase));
    await ii.remove(anchor, keyOf(other));
  });
});

describe('AAGUID (an addition of the official interface)', () => {
  it('is stored, returned by lookup and get_anchor_info, changed by update and kept in place', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    const key = Ed25519KeyIdentity.generate();
    const aaguid = bytes(16, 0xad);
    const device = deviceFor(key, { aaguid: [aaguid] });
    await ii.add(anchor, device);
    expect((await ii.get_anchor_info(anchor)).devices[1]).toEqual({ ...device, last_usage: [] });
    expect((await (await t.actor()).lookup(anchor))[1]!.aaguid).toEqual([aaguid]);
    // update replaces the device's data, AAGUID included (DeviceData is the whole device).
    await ii.update(anchor, keyOf(key), { ...device, aaguid: [bytes(16, 0xbe)] });
    expect((await ii.get_anchor_info(anchor)).devices[1]!.aaguid).toEqual([bytes(16, 0xbe)]);
    await ii.update(anchor, keyOf(key), { ...device, aaguid: [] });
    expect((await ii.get_anchor_info(anchor)).devices[1]!.aaguid).toEqual([]);
  });

  it('is 16 bytes: any other length is refused and changes nothing', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    for (const n of [0, 15, 17, 64]) {
      const device = deviceFor(Ed25519KeyIdentity.generate(), { aaguid: [bytes(n)] });
      await expectRefused(owner, anchor, () => ii.add(anchor, device), 'InvalidAaguid');
    }
  });
});

describe('reading devices', () => {
  it('lookup is public and blanks aliases', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    await addDeviceTo(t, owner, anchor, { alias: 'secret name' });
    const anonymous = await t.actor();
    const devices = await anonymous.lookup(anchor);
    const info = await (await t.actor(owner)).get_anchor_info(anchor);
    expect(devices.map((d) => d.alias)).toEqual(['', '']);
    expect(devices).toEqual(
      info.devices.map(({ last_usage: _usage, ...d }) => ({ ...d, alias: '' })),
    );
    expect(await anonymous.lookup(123_456_789n)).toEqual([]);
  });

  it('get_anchor_credentials splits credentials, recovery credentials and recovery phrases', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    const recoveryKey = Ed25519KeyIdentity.generate();
    await ii.add(
      anchor,
      deviceFor(recoveryKey, { purpose: { recovery: null }, credential_id: [bytes(16, 2)] }),
    );
    const phrase = Ed25519KeyIdentity.generate();
    await ii.add(anchor, recoveryPhraseFor(phrase, 'protected'));
    // A device without credential id (not WebAuthn) is in none of the lists.
    await ii.add(anchor, keyDevice(bytes(44, 3), { credential_id: [] }));

    const credentials = await (await t.actor()).get_anchor_credentials(anchor);
    expect(credentials).toEqual({
      credentials: [{ pubkey: keyOf(owner), credential_id: new Uint8Array([1, 2, 3, 4]) }],
      recovery_credentials: [{ pubkey: keyOf(recoveryKey), credential_id: bytes(16, 2) }],
      recovery_phrases: [keyOf(phrase)],
    });
  });

  it('get_anchor_info has last_usage set by prepare_delegation, for the device used only', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const other = await addDeviceTo(t, owner, anchor, { alias: 'other' });
    const ii = await t.actor(owner);
    expect((await ii.get_anchor_info(anchor)).devices.map((d) => d.last_usage)).toEqual([[], []]);

    const session = keyOf(Ed25519KeyIdentity.generate());
    const [, expiration] = await (
      await t.actor(other)
    ).prepare_delegation(anchor, 'https://dapp.example', session, []);
    // The default expiration is now + 30 minutes, so "now" was expiration − 30 minutes.
    const usedAt = expiration - 30n * 60n * 1_000_000_000n;
    let info = await ii.get_anchor_info(anchor);
    expect(info.devices.map((d) => d.last_usage)).toEqual([[], [usedAt]]);

    // update keeps the usage, replace starts the new device unused.
    await ii.update(anchor, keyOf(other), deviceFor(other, { alias: 'renamed' }));
    info = await ii.get_anchor_info(anchor);
    expect(info.devices[1]).toMatchObject({ alias: 'renamed', last_usage: [usedAt] });
    await ii.replace(anchor, keyOf(other), deviceFor(Ed25519KeyIdentity.generate()));
    info = await ii.get_anchor_info(anchor);
    expect(info.devices[1].last_usage).toEqual([]);
  });
});
