// prepare_delegation / get_delegation / get_principal on the real canister: expirations, lookups
// that must miss, the 1-minute signature lifetime, principals per (anchor, frontend), the
// icp0.io → ic0.app rewrite and the hostname limit.
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IIActor,
  type TestNet,
  addDeviceTo,
  expectTrap,
  keyOf,
  registerAnchor,
  startWithII,
} from './support.js';

const MINUTE_NS = 60n * 1_000_000_000n;
const DAY_NS = 24n * 60n * MINUTE_NS;
const FRONTEND = 'https://dapp.example';

let t: TestNet;
let anchor: bigint;
let owner: Ed25519KeyIdentity;
let ii: IIActor;
beforeAll(async () => {
  t = await startWithII();
  ({ anchor, identity: owner } = await registerAnchor(t));
  ii = await t.actor(owner);
});
afterAll(async () => t?.net.stop());

const newSessionKey = () => keyOf(Ed25519KeyIdentity.generate());

/**
 * Prepares a delegation and returns its expiration relative to the time of the call, which the
 * canister recorded as the device's last_usage in the same call.
 */
async function prepareTtl(maxTimeToLive: [] | [bigint]): Promise<bigint> {
  const [, expiration] = await ii.prepare_delegation(
    anchor,
    FRONTEND,
    newSessionKey(),
    maxTimeToLive,
  );
  const info = await ii.get_anchor_info(anchor);
  const [now] = info.devices[0].last_usage;
  if (now === undefined) throw new Error('no last_usage after prepare_delegation');
  return expiration - now;
}

describe('prepare_delegation expiration', () => {
  it('defaults to now + 30 minutes', async () => {
    expect(await prepareTtl([])).toBe(30n * MINUTE_NS);
  });

  it('honours maxTimeToLive', async () => {
    expect(await prepareTtl([5n * MINUTE_NS])).toBe(5n * MINUTE_NS);
    expect(await prepareTtl([8n * DAY_NS])).toBe(8n * DAY_NS);
  });

  it('caps maxTimeToLive at 30 days', async () => {
    expect(await prepareTtl([31n * DAY_NS])).toBe(30n * DAY_NS);
    expect(await prepareTtl([2n ** 64n - 1n])).toBe(30n * DAY_NS);
  });
});

describe('get_delegation', () => {
  it('returns the prepared delegation, and no_such_delegation for any other argument', async () => {
    const session = newSessionKey();
    const [userKey, expiration] = await ii.prepare_delegation(anchor, FRONTEND, session, []);
    const found = await ii.get_delegation(anchor, FRONTEND, session, expiration);
    if (!('signed_delegation' in found)) throw new Error('no delegation');
    expect(found.signed_delegation.delegation).toEqual({
      pubkey: session,
      expiration,
      targets: [],
    });
    expect(found.signed_delegation.signature.length).toBeGreaterThan(100);
    expect(Principal.selfAuthenticating(userKey).toText()).toBe(
      (await ii.get_principal(anchor, FRONTEND)).toText(),
    );

    const none = { no_such_delegation: null };
    expect(await ii.get_delegation(anchor, FRONTEND, session, expiration + 1n)).toEqual(none);
    expect(await ii.get_delegation(anchor, FRONTEND, newSessionKey(), expiration)).toEqual(none);
    expect(await ii.get_delegation(anchor, 'https://other.example', session, expiration)).toEqual(
      none,
    );
    // Another anchor (asked by its own device) has no such delegation either.
    const other = await registerAnchor(t);
    expect(
      await (
        await t.actor(other.identity)
      ).get_delegation(other.anchor, FRONTEND, session, expiration),
    ).toEqual(none);
  });

  it('any device of the anchor may fetch a delegation another device prepared', async () => {
    const second = await addDeviceTo(t, owner, anchor);
    const session = newSessionKey();
    const [, expiration] = await ii.prepare_delegation(anchor, FRONTEND, session, []);
    const fetched = await (
      await t.actor(second)
    ).get_delegation(anchor, FRONTEND, session, expiration);
    expect('signed_delegation' in fetched).toBe(true);
    await ii.remove(anchor, keyOf(second));
  });

  it('a signature lives one minute: pruned by a later prepare_delegation', async () => {
    const session = newSessionKey();
    const [, expiration] = await ii.prepare_delegation(anchor, FRONTEND, session, []);
    // Half a minute later (and another prepare, which prunes): still there.
    await t.net.advanceTime(30_000);
    await ii.prepare_delegation(anchor, FRONTEND, newSessionKey(), []);
    expect(
      'signed_delegation' in (await ii.get_delegation(anchor, FRONTEND, session, expiration)),
    ).toBe(true);
    // Past the minute, the next prepare_delegation prunes it.
    await t.net.advanceTime(31_000);
    await ii.prepare_delegation(anchor, FRONTEND, newSessionKey(), []);
    expect(await ii.get_delegation(anchor, FRONTEND, session, expiration)).toEqual({
      no_such_delegation: null,
    });
    // Preparing again for the same session key gives a new, fetchable delegation.
    const [, renewed] = await ii.prepare_delegation(anchor, FRONTEND, session, []);
    expect(
      'signed_delegation' in (await ii.get_delegation(anchor, FRONTEND, session, renewed)),
    ).toBe(true);
  });
});

describe('principals', () => {
  it('differ per frontend and per anchor, and are stable across calls and devices', async () => {
    const p = async (a: IIActor, n: bigint, frontend: string) =>
      (await a.get_principal(n, frontend)).toText();
    const other = await registerAnchor(t);
    const otherIi = await t.actor(other.identity);

    const mine = await p(ii, anchor, FRONTEND);
    expect(await p(ii, anchor, 'https://another.example')).not.toBe(mine);
    expect(await p(otherIi, other.anchor, FRONTEND)).not.toBe(mine);
    // The principal is self-authenticating and opaque to the device used.
    expect(Principal.fromText(mine).toUint8Array().at(-1)).toBe(0x02);
    expect(mine).not.toBe(Principal.selfAuthenticating(keyOf(owner)).toText());

    // Stable: again, from another device, and as prepare_delegation's user key.
    expect(await p(ii, anchor, FRONTEND)).toBe(mine);
    const second = await addDeviceTo(t, owner, anchor);
    expect(await p(await t.actor(second), anchor, FRONTEND)).toBe(mine);
    const [userKey] = await (
      await t.actor(second)
    ).prepare_delegation(anchor, FRONTEND, newSessionKey(), []);
    expect(Principal.selfAuthenticating(userKey).toText()).toBe(mine);
    await ii.remove(anchor, keyOf(second));
    expect(await p(ii, anchor, FRONTEND)).toBe(mine);
  });

  it('https://<id>.icp0.io gives the same principal as https://<id>.ic0.app', async () => {
    const id = 'qoctq-giaaa-aaaaa-aaaea-cai';
    const ic0 = `https://${id}.ic0.app`;
    const icp0 = `https://${id}.icp0.io`;
    expect((await ii.get_principal(anchor, icp0)).toText()).toBe(
      (await ii.get_principal(anchor, ic0)).toText(),
    );
    // Also for raw URLs, but raw and non-raw stay apart.
    expect((await ii.get_principal(anchor, `https://${id}.raw.icp0.io`)).toText()).toBe(
      (await ii.get_principal(anchor, `https://${id}.raw.ic0.app`)).toText(),
    );
    expect((await ii.get_principal(anchor, `https://${id}.raw.icp0.io`)).toText()).not.toBe(
      (await ii.get_principal(anchor, ic0)).toText(),
    );
    // Other domains are not rewritten.
    expect((await ii.get_principal(anchor, 'https://icp0.io')).toText()).not.toBe(
      (await ii.get_principal(anchor, 'https://ic0.app')).toText(),
    );
    // The delegation prepared for one name is found under the other.
    const session = newSessionKey();
    const [userKey, expiration] = await ii.prepare_delegation(anchor, icp0, session, []);
    expect(Principal.selfAuthenticating(userKey).toText()).toBe(
      (await ii.get_principal(anchor, ic0)).toText(),
    );
    expect('signed_delegation' in (await ii.get_delegation(anchor, ic0, session, expiration))).toBe(
      true,
    );
  });

  it('a frontend hostname over 255 bytes is refused with a clear error', async () => {
    const tooLong = 'https://' + 'a'.repeat(248) + '.io'; // 259 bytes
    const message = /frontend hostname is longer than 255 bytes: 259 bytes/;
    await expectTrap(ii.get_principal(anchor, tooLong), message);
    await expectTrap(ii.prepare_delegation(anchor, tooLong, newSessionKey(), []), message);
    await expectTrap(ii.get_delegation(anchor, tooLong, newSessionKey(), 1n), message);
    // Bytes, not characters: 124 two-byte characters + 8 = 256 bytes.
    await expectTrap(
      ii.get_principal(anchor, 'https://' + 'é'.repeat(124)),
      /longer than 255 bytes: 256 bytes/,
    );
    // Exactly 255 bytes is fine.
    const atLimit = 'https://' + 'a'.repeat(244) + '.io';
    expect(atLimit.length).toBe(255);
    expect((await ii.get_principal(anchor, atLimit)).isAnonymous()).toBe(false);
    await ii.prepare_delegation(anchor, atLimit, newSessionKey(), []);
  });
});
