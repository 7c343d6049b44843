// Who may call what: every authenticated v1 method against anonymous, a stranger, another
// anchor's device and a tentative (unverified) device, which are all refused without changing the
// anchor; the anchor's own device, which is allowed; and the protected recovery phrase rule.
import { AnonymousIdentity, type Identity } from '@dfinity/agent';
import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityAnchorInfoT } from '../src/candid.js';
import {
  type IIActor,
  type TestNet,
  addDeviceTo,
  deviceFor,
  expectTrap,
  keyOf,
  recoveryPhraseFor,
  registerAnchor,
  startWithII,
} from './support.js';

const FRONTEND = 'https://dapp.example';
const UNAUTHORIZED = /Unauthorized: the caller is not authorized to use anchor \d+/;

let t: TestNet;
beforeAll(async () => {
  t = await startWithII();
});
afterAll(async () => t?.net.stop());

/** What `get_anchor_info` says, as seen by a device of the anchor (used to prove "unchanged"). */
async function snapshot(owner: Identity, anchor: bigint): Promise<IdentityAnchorInfoT> {
  return (await t.actor(owner)).get_anchor_info(anchor);
}

describe('the authorization matrix', () => {
  let anchor: bigint;
  let owner: Ed25519KeyIdentity;
  let second: Ed25519KeyIdentity;
  let tentative: Ed25519KeyIdentity;
  let verificationCode: string;
  let otherAnchorDevice: Ed25519KeyIdentity;
  let sessionKey: Uint8Array;
  let expiration: bigint;

  beforeAll(async () => {
    ({ anchor, identity: owner } = await registerAnchor(t));
    second = await addDeviceTo(t, owner, anchor, { alias: 'second' });
    ({ identity: otherAnchorDevice } = await registerAnchor(t));
    // A tentative device waiting for verification: it knows its code, but is not a device yet.
    const ii = await t.actor(owner);
    await ii.enter_device_registration_mode(anchor);
    tentative = Ed25519KeyIdentity.generate();
    const added = await (
      await t.actor(tentative)
    ).add_tentative_device(anchor, deviceFor(tentative, { alias: 'tentative' }));
    if (!('added_tentatively' in added)) throw new Error(JSON.stringify(added));
    verificationCode = added.added_tentatively.verification_code;
    // A prepared delegation that only the anchor's devices may fetch.
    sessionKey = keyOf(Ed25519KeyIdentity.generate());
    [, expiration] = await ii.prepare_delegation(anchor, FRONTEND, sessionKey, []);
  });

  // Each call targets the anchor's second device or its pending registration, so a missing
  // check would show up as a change in get_anchor_info.
  const methods: Record<string, (ii: IIActor, attacker: Ed25519KeyIdentity) => Promise<unknown>> = {
    add: (ii, attacker) => ii.add(anchor, deviceFor(attacker, { alias: 'attacker' })),
    update: (ii) => ii.update(anchor, keyOf(second), deviceFor(second, { alias: 'hijacked' })),
    replace: (ii, attacker) => ii.replace(anchor, keyOf(second), deviceFor(attacker)),
    remove: (ii) => ii.remove(anchor, keyOf(second)),
    get_anchor_info: (ii) => ii.get_anchor_info(anchor),
    get_principal: (ii) => ii.get_principal(anchor, FRONTEND),
    enter_device_registration_mode: (ii) => ii.enter_device_registration_mode(anchor),
    exit_device_registration_mode: (ii) => ii.exit_device_registration_mode(anchor),
    verify_tentative_device: (ii) => ii.verify_tentative_device(anchor, verificationCode),
    prepare_delegation: (ii) => ii.prepare_delegation(anchor, FRONTEND, sessionKey, []),
    get_delegation: (ii) => ii.get_delegation(anchor, FRONTEND, sessionKey, expiration),
  };

  const callers: Record<string, () => Identity> = {
    anonymous: () => new AnonymousIdentity(),
    'a stranger': () => Ed25519KeyIdentity.generate(),
    "another anchor's device": () => otherAnchorDevice,
    'a tentative (unverified) device': () => tentative,
  };

  for (const [callerName, caller] of Object.entries(callers)) {
    it(`${callerName} is refused by every authenticated method, and the anchor is unchanged`, async () => {
      for (const [method, call] of Object.entries(methods)) {
        const before = await snapshot(owner, anchor);
        const attacker = Ed25519KeyIdentity.generate();
        await expectTrap(call(await t.actor(caller()), attacker), UNAUTHORIZED).catch(
          (error: Error) => {
            throw new Error(`${method}: ${error.message}`);
          },
        );
        expect(await snapshot(owner, anchor), method).toEqual(before);
      }
      // The pending registration survived all of it.
      const info = await snapshot(owner, anchor);
      expect(info.device_registration[0]?.tentative_device[0]?.alias).toBe('tentative');
    });
  }

  it("the anchor's own device may call every method", async () => {
    const ii = await t.actor(owner);
    expect((await ii.get_principal(anchor, FRONTEND)).isAnonymous()).toBe(false);
    const fetched = await ii.get_delegation(anchor, FRONTEND, sessionKey, expiration);
    expect('signed_delegation' in fetched).toBe(true);
    const [userKey] = await ii.prepare_delegation(anchor, FRONTEND, sessionKey, []);
    expect(userKey.length).toBeGreaterThan(0);

    // verify_tentative_device with the code the tentative device got: it becomes a device.
    expect(await ii.verify_tentative_device(anchor, verificationCode)).toEqual({ verified: null });
    let info = await ii.get_anchor_info(anchor);
    expect(info.devices.map((d) => d.alias)).toEqual(['test device', 'second', 'tentative']);
    expect(info.device_registration).toEqual([]);
    // Now the former tentative device authenticates.
    expect((await (await t.actor(tentative)).get_anchor_info(anchor)).devices).toHaveLength(3);

    const expiry = await ii.enter_device_registration_mode(anchor);
    expect((await ii.get_anchor_info(anchor)).device_registration[0]?.expiration).toBe(expiry);
    await ii.exit_device_registration_mode(anchor);
    expect((await ii.get_anchor_info(anchor)).device_registration).toEqual([]);

    const extra = Ed25519KeyIdentity.generate();
    await ii.add(anchor, deviceFor(extra, { alias: 'extra' }));
    await ii.update(anchor, keyOf(second), deviceFor(second, { alias: 'second, renamed' }));
    const replacement = Ed25519KeyIdentity.generate();
    await ii.replace(anchor, keyOf(extra), deviceFor(replacement, { alias: 'replacement' }));
    await ii.remove(anchor, keyOf(tentative));
    info = await ii.get_anchor_info(anchor);
    expect(info.devices.map((d) => d.alias)).toEqual([
      'test device',
      'second, renamed',
      'replacement',
    ]);
    // Every device of the anchor authenticates, not just the first.
    expect((await (await t.actor(replacement)).get_anchor_info(anchor)).devices).toHaveLength(3);
    await expectTrap((await t.actor(extra)).get_anchor_info(anchor), UNAUTHORIZED);
  });

  it('a call for an anchor that does not exist is refused', async () => {
    const ii = await t.actor(owner);
    await expectTrap(ii.get_anchor_info(9_999_999n), /AnchorNotFound|Unauthorized/);
    await expectTrap(ii.prepare_delegation(9_999_999n, FRONTEND, sessionKey, []), /AnchorNotFound/);
  });
});

describe('calls signed by a session key the device delegated to (as II frontend does)', () => {
  async function sessionFor(device: Ed25519KeyIdentity): Promise<DelegationIdentity> {
    const session = Ed25519KeyIdentity.generate();
    const chain = await DelegationChain.create(device, session.getPublicKey());
    return DelegationIdentity.fromDelegation(session, chain);
  }

  it("authenticate as the delegating device, and only as that device's anchor", async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(await sessionFor(owner));
    expect((await ii.get_anchor_info(anchor)).devices).toHaveLength(1);
    const added = Ed25519KeyIdentity.generate();
    await ii.add(anchor, deviceFor(added, { alias: 'added via session' }));
    expect((await ii.get_principal(anchor, 'https://dapp.example')).toText()).toBe(
      (await (await t.actor(owner)).get_principal(anchor, 'https://dapp.example')).toText(),
    );
    // A session delegated by a key that is not a device of the anchor is a stranger.
    const stranger = await t.actor(await sessionFor(Ed25519KeyIdentity.generate()));
    await expectTrap(stranger.get_anchor_info(anchor), UNAUTHORIZED);
    await expectTrap(stranger.remove(anchor, keyOf(added)), UNAUTHORIZED);
    expect((await ii.get_anchor_info(anchor)).devices).toHaveLength(2);
  });
});

describe('the protected recovery phrase rule', () => {
  const PROTECTED = /MutationNotAllowed: .*protected/;

  it('a protected recovery phrase can be updated, replaced and removed only by itself', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const other = await addDeviceTo(t, owner, anchor, { alias: 'other' });
    const phrase = Ed25519KeyIdentity.generate();
    await (await t.actor(owner)).add(anchor, recoveryPhraseFor(phrase, 'protected'));

    // Any other device of the anchor is refused, whatever it tries.
    for (const device of [owner, other]) {
      const ii = await t.actor(device);
      const before = await ii.get_anchor_info(anchor);
      await expectTrap(
        ii.update(anchor, keyOf(phrase), recoveryPhraseFor(phrase, 'protected', { alias: 'x' })),
        PROTECTED,
      );
      // Not even to lift the protection.
      await expectTrap(
        ii.update(anchor, keyOf(phrase), recoveryPhraseFor(phrase, 'unprotected')),
        PROTECTED,
      );
      await expectTrap(
        ii.replace(
          anchor,
          keyOf(phrase),
          recoveryPhraseFor(Ed25519KeyIdentity.generate(), 'unprotected'),
        ),
        PROTECTED,
      );
      await expectTrap(ii.remove(anchor, keyOf(phrase)), PROTECTED);
      expect(await ii.get_anchor_info(anchor)).toEqual(before);
    }

    // The phrase itself may do all three; it is an ordinary device of the anchor otherwise.
    const self = await t.actor(phrase);
    await self.update(
      anchor,
      keyOf(phrase),
      recoveryPhraseFor(phrase, 'protected', { alias: 'p' }),
    );
    let info = await self.get_anchor_info(anchor);
    expect(info.devices.find((d) => d.alias === 'p')?.protection).toEqual({ protected: null });
    // The protected phrase may change the other devices.
    await self.update(anchor, keyOf(other), deviceFor(other, { alias: 'changed by phrase' }));

    const newPhrase = Ed25519KeyIdentity.generate();
    await self.replace(anchor, keyOf(phrase), recoveryPhraseFor(newPhrase, 'protected'));
    await expectTrap(self.get_anchor_info(anchor), UNAUTHORIZED);
    // The replacement is protected in turn: only it can remove itself.
    await expectTrap((await t.actor(owner)).remove(anchor, keyOf(newPhrase)), PROTECTED);
    const replaced = await t.actor(newPhrase);
    await replaced.remove(anchor, keyOf(newPhrase));
    info = await (await t.actor(owner)).get_anchor_info(anchor);
    expect(info.devices.map((d) => d.alias)).toEqual(['test device', 'changed by phrase']);
  });

  it('an unprotected recovery phrase can be changed by any device of the anchor', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const other = await addDeviceTo(t, owner, anchor, { alias: 'other' });
    const phrase = Ed25519KeyIdentity.generate();
    const ii = await t.actor(other);
    await ii.add(anchor, recoveryPhraseFor(phrase, 'unprotected'));

    await ii.update(
      anchor,
      keyOf(phrase),
      recoveryPhraseFor(phrase, 'unprotected', { alias: 'u' }),
    );
    // Any device may also protect it; from then on, only the phrase itself may change it.
    await (
      await t.actor(owner)
    ).update(anchor, keyOf(phrase), recoveryPhraseFor(phrase, 'protected'));
    await expectTrap(ii.remove(anchor, keyOf(phrase)), PROTECTED);
    await (
      await t.actor(phrase)
    ).update(anchor, keyOf(phrase), recoveryPhraseFor(phrase, 'unprotected'));

    const newPhrase = Ed25519KeyIdentity.generate();
    await ii.replace(anchor, keyOf(phrase), recoveryPhraseFor(newPhrase, 'unprotected'));
    await (await t.actor(owner)).remove(anchor, keyOf(newPhrase));
    const info = await ii.get_anchor_info(anchor);
    expect(info.devices.map((d) => d.alias)).toEqual(['test device', 'other']);
  });
});
