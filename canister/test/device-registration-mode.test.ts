// The "add a remote device" flow on the real canister: enter / add_tentative_device /
// verify_tentative_device / exit, the verification code and its attempts, and the 15-minute expiry
// (moved with localnet's canister clock).
import { AnonymousIdentity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceDataT } from '../src/candid.js';
import {
  type TestNet,
  deviceFor,
  expectTrap,
  keyOf,
  registerAnchor,
  startWithII,
} from './support.js';

const MINUTE_NS = 60n * 1_000_000_000n;
const MINUTE_MS = 60_000;

let t: TestNet;
beforeAll(async () => {
  t = await startWithII();
});
afterAll(async () => t?.net.stop());

/** The canister's clock, read through prepare_delegation (expiration = now + 30 minutes). */
async function canisterNow(identity: Ed25519KeyIdentity, anchor: bigint): Promise<bigint> {
  const session = keyOf(Ed25519KeyIdentity.generate());
  const [, expiration] = await (
    await t.actor(identity)
  ).prepare_delegation(anchor, 'https://clock.example', session, []);
  return expiration - 30n * MINUTE_NS;
}

/** A fresh anchor already in registration mode, and a new device that asks to join it. */
async function anchorInRegistrationMode() {
  const { anchor, identity: owner } = await registerAnchor(t);
  const expiration = await (await t.actor(owner)).enter_device_registration_mode(anchor);
  const newDevice = Ed25519KeyIdentity.generate();
  const data = deviceFor(newDevice, { alias: 'new phone', key_type: { platform: null } });
  return { anchor, owner, expiration, newDevice, data };
}

async function addTentative(anchor: bigint, data: DeviceDataT, caller = new AnonymousIdentity()) {
  const result = await (await t.actor(caller)).add_tentative_device(anchor, data);
  if (!('added_tentatively' in result)) throw new Error(JSON.stringify(result));
  return result.added_tentatively;
}

describe('device registration mode', () => {
  it('enter returns now + 15 minutes, and get_anchor_info shows the mode', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    const before = await canisterNow(owner, anchor);
    const expiration = await ii.enter_device_registration_mode(anchor);
    const after = await canisterNow(owner, anchor);
    expect(expiration).toBeGreaterThanOrEqual(before + 15n * MINUTE_NS);
    expect(expiration).toBeLessThanOrEqual(after + 15n * MINUTE_NS);
    expect((await ii.get_anchor_info(anchor)).device_registration).toEqual([
      { expiration, tentative_device: [] },
    ]);
    // Entering again keeps the running flow (it is never extended).
    await t.net.advanceTime(MINUTE_MS);
    expect(await ii.enter_device_registration_mode(anchor)).toBe(expiration);
  });

  it('add_tentative_device needs the mode; anyone may call it, once', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const newDevice = Ed25519KeyIdentity.generate();
    const data = deviceFor(newDevice, { alias: 'new phone' });
    const anonymous = await t.actor();
    expect(await anonymous.add_tentative_device(anchor, data)).toEqual({
      device_registration_mode_off: null,
    });

    const expiration = await (await t.actor(owner)).enter_device_registration_mode(anchor);
    // Any caller: here the anonymous principal, not even the new device itself.
    const added = await addTentative(anchor, data);
    expect(added.verification_code).toMatch(/^[0-9]{6}$/);
    expect(added.device_registration_timeout).toBe(expiration);
    expect(
      await anonymous.add_tentative_device(anchor, deviceFor(Ed25519KeyIdentity.generate())),
    ).toEqual({ another_device_tentatively_added: null });
    // get_anchor_info shows the tentative device (the first one), which is not a device yet.
    const info = await (await t.actor(owner)).get_anchor_info(anchor);
    expect(info.device_registration).toEqual([{ expiration, tentative_device: [data] }]);
    expect(info.devices).toHaveLength(1);
  });

  it('add_tentative_device refuses an invalid device and an unknown anchor', async () => {
    const { anchor } = await anchorInRegistrationMode();
    const anonymous = await t.actor();
    await expectTrap(
      anonymous.add_tentative_device(
        anchor,
        deviceFor(Ed25519KeyIdentity.generate(), { alias: 'x'.repeat(65) }),
      ),
      'AliasTooLong',
    );
    await expectTrap(
      anonymous.add_tentative_device(987_654_321n, deviceFor(Ed25519KeyIdentity.generate())),
      'AnchorNotFound',
    );
  });

  it('the tentative device cannot authenticate until it is verified, then it can', async () => {
    const { anchor, owner, newDevice, data } = await anchorInRegistrationMode();
    const { verification_code } = await addTentative(anchor, data, newDevice);
    const asNew = await t.actor(newDevice);
    await expectTrap(asNew.get_anchor_info(anchor), 'Unauthorized');
    await expectTrap(asNew.get_principal(anchor, 'https://dapp.example'), 'Unauthorized');
    await expectTrap(
      asNew.prepare_delegation(anchor, 'https://dapp.example', keyOf(newDevice), []),
      'Unauthorized',
    );

    const ii = await t.actor(owner);
    expect(await ii.verify_tentative_device(anchor, verification_code)).toEqual({ verified: null });
    const info = await asNew.get_anchor_info(anchor);
    expect(info.devices.map(({ last_usage: _u, ...d }) => d)).toEqual([deviceFor(owner), data]);
    // Verification ends the mode.
    expect(info.device_registration).toEqual([]);
    expect(await ii.verify_tentative_device(anchor, verification_code)).toEqual({
      device_registration_mode_off: null,
    });
    // And the new device can log in.
    expect((await asNew.get_principal(anchor, 'https://dapp.example')).toText()).toBe(
      (await ii.get_principal(anchor, 'https://dapp.example')).toText(),
    );
  });

  it('verify_tentative_device without a tentative device: no_device_to_verify', async () => {
    const { anchor, owner } = await anchorInRegistrationMode();
    expect(await (await t.actor(owner)).verify_tentative_device(anchor, '123456')).toEqual({
      no_device_to_verify: null,
    });
    const other = await registerAnchor(t);
    expect(
      await (await t.actor(other.identity)).verify_tentative_device(other.anchor, '123456'),
    ).toEqual({ device_registration_mode_off: null });
  });

  it('wrong codes count retries_left down; the right code still works before the last', async () => {
    const { anchor, owner, data } = await anchorInRegistrationMode();
    const { verification_code } = await addTentative(anchor, data);
    const wrong = wrongCode(verification_code);
    const ii = await t.actor(owner);
    expect(await ii.verify_tentative_device(anchor, wrong)).toEqual({
      wrong_code: { retries_left: 4 },
    });
    expect(await ii.verify_tentative_device(anchor, wrong)).toEqual({
      wrong_code: { retries_left: 3 },
    });
    expect(await ii.verify_tentative_device(anchor, verification_code)).toEqual({ verified: null });
    expect((await ii.get_anchor_info(anchor)).devices).toHaveLength(2);
  });

  it('after five wrong codes the flow is aborted', async () => {
    const { anchor, owner, newDevice, data } = await anchorInRegistrationMode();
    const { verification_code } = await addTentative(anchor, data);
    const wrong = wrongCode(verification_code);
    const ii = await t.actor(owner);
    const retries: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await ii.verify_tentative_device(anchor, wrong);
      if (!('wrong_code' in result)) throw new Error(JSON.stringify(result));
      retries.push(result.wrong_code.retries_left);
    }
    expect(retries).toEqual([4, 3, 2, 1, 0]);
    expect(await ii.verify_tentative_device(anchor, verification_code)).toEqual({
      device_registration_mode_off: null,
    });
    const info = await ii.get_anchor_info(anchor);
    expect(info.device_registration).toEqual([]);
    expect(info.devices).toHaveLength(1);
    await expectTrap((await t.actor(newDevice)).get_anchor_info(anchor), 'Unauthorized');
  });

  it('the mode expires after 15 minutes, with its tentative device', async () => {
    const { anchor, owner, newDevice, data } = await anchorInRegistrationMode();
    const { verification_code } = await addTentative(anchor, data);
    const ii = await t.actor(owner);
    // Well before the end (a minute clear of it): still on.
    await t.net.advanceTime(14 * MINUTE_MS);
    expect((await ii.get_anchor_info(anchor)).device_registration).toHaveLength(1);
    await t.net.advanceTime(MINUTE_MS);
    expect((await ii.get_anchor_info(anchor)).device_registration).toEqual([]);
    expect(await ii.verify_tentative_device(anchor, verification_code)).toEqual({
      device_registration_mode_off: null,
    });
    expect(await (await t.actor()).add_tentative_device(anchor, data)).toEqual({
      device_registration_mode_off: null,
    });
    await expectTrap((await t.actor(newDevice)).get_anchor_info(anchor), 'Unauthorized');
    // A new flow can start.
    await ii.enter_device_registration_mode(anchor);
    const again = await addTentative(anchor, data);
    expect(await ii.verify_tentative_device(anchor, again.verification_code)).toEqual({
      verified: null,
    });
  });

  it('an expired mode without a tentative device also ends', async () => {
    const { anchor, owner, data } = await anchorInRegistrationMode();
    await t.net.advanceTime(15 * MINUTE_MS);
    expect(await (await t.actor()).add_tentative_device(anchor, data)).toEqual({
      device_registration_mode_off: null,
    });
    expect((await (await t.actor(owner)).get_anchor_info(anchor)).device_registration).toEqual([]);
  });

  it('verifying a device the anchor already has traps and changes nothing', async () => {
    const { anchor, owner } = await anchorInRegistrationMode();
    const { verification_code } = await addTentative(anchor, deviceFor(owner, { alias: 'dup' }));
    const ii = await t.actor(owner);
    const before = await ii.get_anchor_info(anchor);
    await expectTrap(ii.verify_tentative_device(anchor, verification_code), 'DuplicateDevice');
    // The trap undid everything, the consumed registration included.
    expect(await ii.get_anchor_info(anchor)).toEqual(before);
    expect(before.device_registration[0]?.tentative_device[0]?.alias).toBe('dup');
    await ii.exit_device_registration_mode(anchor);
  });

  it('exit_device_registration_mode discards the tentative device', async () => {
    const { anchor, owner, newDevice, data } = await anchorInRegistrationMode();
    const { verification_code } = await addTentative(anchor, data);
    const ii = await t.actor(owner);
    await ii.exit_device_registration_mode(anchor);
    const info = await ii.get_anchor_info(anchor);
    expect(info.device_registration).toEqual([]);
    expect(info.devices).toHaveLength(1);
    expect(await ii.verify_tentative_device(anchor, verification_code)).toEqual({
      device_registration_mode_off: null,
    });
    await expectTrap((await t.actor(newDevice)).get_anchor_info(anchor), 'Unauthorized');
    // Exiting when not in the mode is harmless.
    await ii.exit_device_registration_mode(anchor);
    // Re-entering starts afresh: the discarded device is gone, a new one can be added.
    await ii.enter_device_registration_mode(anchor);
    expect((await ii.get_anchor_info(anchor)).device_registration[0]?.tentative_device).toEqual([]);
    await addTentative(anchor, data);
  });
});

/** A six-digit code that differs from `code`. */
function wrongCode(code: string): string {
  return ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');
}
