// register and its guards on the real canister: the caller/device check, anchor numbering, a full
// canister, the register rate limit, the captcha (PNG, single use, expiry, the bound on unsolved
// challenges), init_salt and stats.
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengeT } from '../src/candid.js';
import { decodeGrayPng } from '../src/captcha/test-decode-png.js';
import { type TestNet, deviceFor, expectTrap, registerAnchor, startWithII } from './support.js';
import { initArg } from '@ii/client';

const NO_CAPTCHA = { key: '', chars: '' };
const MINUTE_MS = 60_000;

/** Registers a fresh device with `challenge`; returns the raw response. */
async function register(t: TestNet, challenge = NO_CAPTCHA) {
  const identity = Ed25519KeyIdentity.generate();
  return (await t.actor(identity)).register(deviceFor(identity), challenge, []);
}

describe('register (captcha off, default configuration)', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startWithII();
  });
  afterAll(async () => t?.net.stop());

  // First on purpose: on a fresh install the salt is still empty.
  it('init_salt sets the salt once; a second init_salt traps', async () => {
    const anonymous = await t.actor();
    await anonymous.init_salt();
    await expectTrap(anonymous.init_salt(), 'SaltAlreadySet: the salt is already set');
  });

  it('anchor numbers start at 10,000 and increase by one', async () => {
    const numbers: bigint[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await registerAnchor(t)).anchor);
    expect(numbers).toEqual([10_000n, 10_001n, 10_002n]);
  });

  it("the caller must be the device's self-authenticating principal", async () => {
    const device = Ed25519KeyIdentity.generate();
    const other = Ed25519KeyIdentity.generate();
    const message = /Unauthorized: the caller must be the self-authenticating principal/;
    await expectTrap((await t.actor(other)).register(deviceFor(device), NO_CAPTCHA, []), message);
    await expectTrap((await t.actor()).register(deviceFor(device), NO_CAPTCHA, []), message);
    // Nothing was allocated by the refused calls.
    await expect((await t.actor()).stats()).resolves.toMatchObject({ users_registered: 3n });
    expect((await registerAnchor(t)).anchor).toBe(10_003n);
  });

  it('an invalid first device is refused and allocates no number', async () => {
    const identity = Ed25519KeyIdentity.generate();
    await expectTrap(
      (await t.actor(identity)).register(
        deviceFor(identity, { alias: 'x'.repeat(65) }),
        NO_CAPTCHA,
        [],
      ),
      'AliasTooLong',
    );
    expect((await registerAnchor(t)).anchor).toBe(10_004n);
  });

  it('the registered device is the only device of the new anchor', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const ii = await t.actor(identity);
    const device = deviceFor(identity, { alias: 'first' });
    const result = await ii.register(device, NO_CAPTCHA, []);
    if (!('registered' in result)) throw new Error(JSON.stringify(result));
    const info = await ii.get_anchor_info(result.registered.user_number);
    expect(info.devices).toEqual([{ ...device, last_usage: [] }]);
  });

  it('stats reports the registrations and the configuration', async () => {
    const stats = await (await t.actor()).stats();
    expect(stats.users_registered).toBe(6n);
    expect(stats.assigned_user_number_range).toEqual([10_000n, 10_000n + 8_178_860n]);
    expect(stats.archive_info).toEqual({ archive_canister: [], archive_config: [] });
    expect(stats.storage_layout_version).toBeGreaterThan(0);
    expect(stats.event_aggregations).toEqual([]);
  });
});

describe('a canister with a tiny assigned_user_number_range', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startWithII(
      initArg('test', { overrides: { assigned_user_number_range: [[20_000n, 20_002n]] } }),
    );
  });
  afterAll(async () => t?.net.stop());

  it('numbers come from the range, then register answers canister_full', async () => {
    expect(await register(t)).toEqual({ registered: { user_number: 20_000n } });
    expect(await register(t)).toEqual({ registered: { user_number: 20_001n } });
    expect(await register(t)).toEqual({ canister_full: null });
    expect(await register(t)).toEqual({ canister_full: null });
    const stats = await (await t.actor()).stats();
    expect(stats.users_registered).toBe(2n);
    expect(stats.assigned_user_number_range).toEqual([20_000n, 20_002n]);
  });
});

describe('the register rate limit', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startWithII(
      initArg('test', {
        overrides: {
          register_rate_limit: [{ max_tokens: 2n, time_per_token_ns: 600_000_000_000n }],
        },
      }),
    );
  });
  afterAll(async () => t?.net.stop());

  // One token per 10 minutes; the checks "not yet" stay a minute clear of the refill.
  it('allows max_tokens registrations, then refills one token per time_per_token_ns', async () => {
    const limited = 'RateLimitExceeded: rate limit reached, try again later';
    expect(await register(t)).toEqual({ registered: { user_number: 10_000n } });
    expect(await register(t)).toEqual({ registered: { user_number: 10_001n } });
    await expectTrap(register(t), limited);
    await expectTrap(register(t), limited);

    await t.net.advanceTime(9 * MINUTE_MS);
    await expectTrap(register(t), limited);
    await t.net.advanceTime(MINUTE_MS);
    // One token came back: one registration, and the refused calls used no anchor number.
    expect(await register(t)).toEqual({ registered: { user_number: 10_002n } });
    await expectTrap(register(t), limited);

    // Refills stop at max_tokens.
    await t.net.advanceTime(100 * MINUTE_MS);
    expect(await register(t)).toEqual({ registered: { user_number: 10_003n } });
    expect(await register(t)).toEqual({ registered: { user_number: 10_004n } });
    await expectTrap(register(t), limited);
  });
});

describe('with the captcha on', () => {
  const MAX_UNSOLVED = 3;
  let t: TestNet;
  beforeAll(async () => {
    t = await startWithII(
      initArg('production', {
        overrides: {
          captcha_config: [
            {
              max_unsolved_captchas: BigInt(MAX_UNSOLVED),
              captcha_trigger: { Static: { CaptchaEnabled: null } },
            },
          ],
        },
      }),
    );
  });
  afterAll(async () => t?.net.stop());

  const newChallenge = async (): Promise<ChallengeT> => (await t.actor()).create_challenge();
  const answer = (c: ChallengeT, chars: string) => ({ key: c.challenge_key, chars });

  it('create_challenge returns a 220×120 PNG and a key', async () => {
    const challenge = await newChallenge();
    expect(challenge.challenge_key).toMatch(/^[a-z]{10}$/);
    const png = new Uint8Array(Buffer.from(challenge.png_base64, 'base64'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([220, 120]);
    // A complete, well-formed image (every chunk CRC checked, pixels inflate to 220 × 120).
    const decoded = decodeGrayPng(png);
    expect(decoded.pixels.length).toBe(220 * 120);
    expect(decoded.chunkTypes.at(-1)).toBe('IEND');
    // Not a blank image: there is ink on the paper.
    expect(decoded.pixels.some((p) => p < 128)).toBe(true);
    expect(decoded.pixels.some((p) => p > 200)).toBe(true);
    // Keys are fresh per challenge.
    expect((await newChallenge()).challenge_key).not.toBe(challenge.challenge_key);
  });

  it('register without a challenge, or with wrong characters, answers bad_challenge', async () => {
    await t.net.advanceTime(5 * MINUTE_MS); // drop the challenges of the previous test
    expect(await register(t)).toEqual({ bad_challenge: null });
    expect(await register(t, { key: 'nosuchkeyy', chars: 'abcde' })).toEqual({
      bad_challenge: null,
    });
    const challenge = await newChallenge();
    expect(await register(t, answer(challenge, 'wrong'))).toEqual({ bad_challenge: null });
    // A key is good for one attempt only.
    expect(await register(t, answer(challenge, 'wrong'))).toEqual({ bad_challenge: null });
    expect((await (await t.actor()).stats()).users_registered).toBe(0n);
  });

  it('more than max_unsolved_captchas unsolved challenges trap; an attempt uses one up', async () => {
    await t.net.advanceTime(5 * MINUTE_MS);
    const challenges: ChallengeT[] = [];
    for (let i = 0; i < MAX_UNSOLVED; i++) challenges.push(await newChallenge());
    const tooMany = 'TooManyInflightCaptchas: too many inflight captchas';
    await expectTrap(newChallenge(), tooMany);
    // A register attempt consumes its challenge (single use), which frees a slot.
    expect(await register(t, answer(challenges[0], 'wrong'))).toEqual({ bad_challenge: null });
    await newChallenge();
    await expectTrap(newChallenge(), tooMany);
    // A register with an unknown key consumes nothing.
    expect(await register(t, { key: 'unknownkey', chars: 'wrong' })).toEqual({
      bad_challenge: null,
    });
    await expectTrap(newChallenge(), tooMany);
  });

  it('a challenge expires after 5 minutes', async () => {
    await t.net.advanceTime(5 * MINUTE_MS);
    const challenge = await newChallenge();
    await t.net.advanceTime(5 * MINUTE_MS);
    expect(await register(t, answer(challenge, 'wrong'))).toEqual({ bad_challenge: null });
    // Expired challenges no longer count against the bound.
    for (let i = 0; i < MAX_UNSOLVED; i++) await newChallenge();
    await t.net.advanceTime(4 * MINUTE_MS);
    await expectTrap(newChallenge(), 'TooManyInflightCaptchas');
    await t.net.advanceTime(MINUTE_MS);
    await newChallenge();
  });

  it('the caller check still applies', async () => {
    const challenge = await newChallenge();
    const device = Ed25519KeyIdentity.generate();
    await expectTrap(
      (await t.actor(Ed25519KeyIdentity.generate())).register(
        deviceFor(device),
        answer(challenge, 'wrong'),
        [],
      ),
      'Unauthorized',
    );
  });
});
