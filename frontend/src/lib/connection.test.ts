/**
 * Connection against the real canister wasm on localnet (the same wasm as production, captcha
 * off), through the IC HTTP interface — the canister is the oracle for every call and error.
 */
import { readFileSync } from 'node:fs';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import type { DeviceDataT } from '@ii/canister/candid';
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';
import { startLocalnet, type Localnet } from '@ii/localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from './connection.js';
import type { PageConfig } from './config.js';
import { FrontendError } from './errors.js';

const II = II_CANISTER_ID;
// Built by the global setup (the repository's build-what-changed script).
const WASM_GZ = new URL('../../../canister/dist/internet_identity.wasm.gz', import.meta.url);
let net: Localnet;
let config: PageConfig;

beforeAll(async () => {
  net = await startLocalnet({ port: 0 });
  await net.installCanister(readFileSync(WASM_GZ), {
    canisterId: II,
    arg: encodeInitArg(initArg('test', { fetchRootKey: true })),
  });
  config = { canisterId: II, apiHost: net.url, fetchRootKey: true };
}, 600_000);

afterAll(async () => {
  await net?.stop();
});

const device = (id: Ed25519KeyIdentity, alias = 'laptop'): DeviceDataT => ({
  pubkey: new Uint8Array(id.getPublicKey().toDer()),
  alias,
  credential_id: [new Uint8Array([1, 2, 3, id.getPublicKey().toDer()[20]])],
  aaguid: [],
  purpose: { authentication: null },
  key_type: { platform: null },
  protection: { unprotected: null },
  origin: ['https://identity.ic0.app'],
  metadata: [],
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err) => err,
  );
  expect(e).toBeInstanceOf(FrontendError);
  return (e as FrontendError).code;
}

async function registered() {
  const id = Ed25519KeyIdentity.generate();
  const conn = await Connection.create(config, id);
  const { challengeKey, pngBase64 } = await conn.createChallenge();
  expect(pngBase64.length).toBeGreaterThan(0);
  const anchor = await conn.register(device(id), { key: challengeKey, chars: 'a' });
  return { id, conn, anchor };
}

describe('Connection on localnet', () => {
  it('registers, looks up, adds, renames and removes devices', async () => {
    const { id, conn, anchor } = await registered();
    expect(anchor).toBeGreaterThanOrEqual(10_000n);
    const creds = await (await Connection.create(config)).lookupCredentials(anchor);
    expect(creds.credentials).toHaveLength(1);
    expect(creds.credentials[0].pubkey).toEqual(new Uint8Array(id.getPublicKey().toDer()));

    const second = Ed25519KeyIdentity.generate();
    await conn.add(anchor, device(second, 'phone'));
    expect((await conn.getAnchorInfo(anchor)).devices.map((d) => d.alias).sort()).toEqual([
      'laptop',
      'phone',
    ]);
    await conn.update(
      anchor,
      new Uint8Array(second.getPublicKey().toDer()),
      device(second, 'old phone'),
    );
    const info = await conn.getAnchorInfo(anchor);
    expect(info.devices.find((d) => d.alias === 'old phone')).toBeDefined();
    expect(await codeOf(conn.add(anchor, device(second)))).toBe('duplicate_device');
    await conn.remove(anchor, new Uint8Array(second.getPublicKey().toDer()));
    expect((await conn.lookup(anchor)).length).toBe(1);
  });

  it('maps canister traps to user-facing errors', async () => {
    const { anchor } = await registered();
    const stranger = await Connection.create(config, Ed25519KeyIdentity.generate());
    expect(await codeOf(stranger.getAnchorInfo(anchor))).toBe('unauthorized');
    const e = (await stranger.getAnchorInfo(anchor).catch((x: unknown) => x)) as FrontendError;
    expect(e.message).toBe('This device is not allowed to manage this Internet Identity.');
    // register() must be called by the device itself
    const other = Ed25519KeyIdentity.generate();
    expect(await codeOf(stranger.register(device(other), { key: '', chars: '' }))).toBe(
      'unauthorized',
    );
  });

  it('runs remote device registration with typed outcomes', async () => {
    const { conn, anchor } = await registered();
    const newId = Ed25519KeyIdentity.generate();
    const newDevice = await Connection.create(config, newId);
    expect(await codeOf(newDevice.addTentativeDevice(anchor, device(newId, 'new')))).toBe(
      'registration_mode_off',
    );
    const until = await conn.enterRegistrationMode(anchor);
    expect(until).toBeGreaterThan(BigInt(Date.now()) * 1_000_000n);
    expect(await codeOf(conn.verifyTentativeDevice(anchor, '000000'))).toBe('no_device_to_verify');
    const { verificationCode, timeout } = await newDevice.addTentativeDevice(
      anchor,
      device(newId, 'new'),
    );
    expect(verificationCode).toMatch(/^\d{6}$/);
    expect(timeout).toBe(until);
    const third = Ed25519KeyIdentity.generate();
    expect(
      await codeOf(
        (await Connection.create(config, third)).addTentativeDevice(anchor, device(third)),
      ),
    ).toBe('another_device_added');
    const wrong = verificationCode === '000000' ? '000001' : '000000';
    const err = (await conn
      .verifyTentativeDevice(anchor, wrong)
      .catch((x: unknown) => x)) as FrontendError;
    expect(err.code).toBe('wrong_code');
    expect(err.retriesLeft).toBeGreaterThan(0);
    await conn.verifyTentativeDevice(anchor, ` ${verificationCode} `);
    expect((await conn.lookup(anchor)).length).toBe(2);
    await conn.exitRegistrationMode(anchor);
  });

  it('prepares and gets a delegation for the principal get_principal reports', async () => {
    const { conn, anchor } = await registered();
    const session = Ed25519KeyIdentity.generate();
    const sessionKey = new Uint8Array(session.getPublicKey().toDer());
    const hostname = 'https://dapp.example';
    const prepared = await conn.prepareDelegation(anchor, hostname, sessionKey, 3_600_000_000_000n);
    const expectedMax = BigInt(Date.now()) * 1_000_000n + 3_600_000_000_000n;
    expect(prepared.expiration).toBeLessThanOrEqual(expectedMax);
    expect(prepared.expiration).toBeGreaterThan(expectedMax - 120_000_000_000n);
    const signed = await conn.getDelegation(anchor, hostname, sessionKey, prepared.expiration);
    expect(signed.delegation.pubkey).toEqual(sessionKey);
    expect(signed.delegation.expiration).toBe(prepared.expiration);
    expect(signed.signature.length).toBeGreaterThan(100);
    const principal = await conn.getPrincipal(anchor, hostname);
    expect(principal.toText()).toBe(Principal.selfAuthenticating(prepared.userKey).toText());
    // A delegation that was never prepared: retried, then a typed error.
    expect(
      await codeOf(
        conn.getDelegation(anchor, hostname, sessionKey, prepared.expiration + 1n, {
          attempts: 2,
          delayMs: 10,
        }),
      ),
    ).toBe('delegation_not_ready');
  });

  it('reports an unreachable network', async () => {
    const closed = { ...config, apiHost: 'http://127.0.0.1:9' };
    expect(await codeOf(Connection.create(closed, undefined, { retryTimes: 0 }))).toBe(
      'unreachable',
    );
    const noRootFetch = await Connection.create({ ...closed, fetchRootKey: false }, undefined, {
      retryTimes: 0,
    });
    expect(await codeOf(noRootFetch.lookup(10_000n))).toBe('unreachable');
  });

  it('signs as each identity over one agent: one root key fetch and one subnet read', async () => {
    const requests: string[] = [];
    const fetchCounting: typeof fetch = (input, init) => {
      requests.push(new URL(input instanceof Request ? input.url : input).pathname);
      return fetch(input, init);
    };
    const anon = await Connection.create(config, undefined, { fetch: fetchCounting });
    const { id, anchor } = await registered();
    await anon.lookup(anchor);
    const signed = anon.withIdentity(id);
    // Signed by `id`: the canister accepts it as the anchor's device, not as the anonymous caller.
    const info = await signed.getAnchorInfo(anchor);
    expect(info.devices.map((d) => d.alias)).toEqual(['laptop']);
    const statusFetches = requests.filter((p) => p === '/api/v2/status').length;
    const subnetReads = requests.filter((p) => p.endsWith('/read_state')).length;
    expect(statusFetches).toBe(1);
    expect(subnetReads).toBe(1);
    // An update through the shared agent: its certificate verified, any read_state polling signed
    // by the caller (the IC serves request_status to the request's sender only).
    await signed.update(anchor, device(id).pubkey, device(id, 'renamed'));
    const after = await signed.getAnchorInfo(anchor);
    expect(after.devices.map((d) => d.alias)).toEqual(['renamed']);
  });
});
