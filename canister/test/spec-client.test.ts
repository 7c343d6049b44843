// A client generated from the spec's .did (test/fixtures/spec-service.did, parsed; nothing from
// src/candid.ts) calls every one of the spec's 39 methods on the real canister with @dfinity/agent
// and reads every answer: the wire matches the spec both ways, including where the canister adds
// fields (DeviceData.aaguid, which such a client neither sends nor gets).
import { Actor, type ActorSubclass } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initArg } from '@ii/client';
import { parseDid } from '../scripts/did-parser.js';
import { archiveWasm } from './build-wasm.js';
import { type TestNet, expectTrap, keyOf, memoBlsVerify, startWithII } from './support.js';

const spec = parseDid(
  readFileSync(join(import.meta.dirname, 'fixtures', 'spec-service.did'), 'utf8'),
);
const specIdlFactory: IDL.InterfaceFactory = () => IDL.Service(spec.methods);
// The generated client is untyped: values are what @dfinity/candid makes of the spec's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SpecActor = ActorSubclass<Record<string, (...args: any[]) => Promise<any>>>;

const FRONTEND = 'https://dapp.example';
const called = new Set<string>();

let t: TestNet;
async function client(identity?: Ed25519KeyIdentity): Promise<SpecActor> {
  const actor = Actor.createActor(specIdlFactory, {
    agent: await t.agent(identity),
    canisterId: t.canisterId,
    blsVerify: memoBlsVerify,
  }) as SpecActor;
  // Every method called is noted, whatever its answer.
  return new Proxy(actor, {
    get(target, name: string) {
      called.add(name);
      return target[name];
    },
  });
}

/** DeviceData as the spec has it (no aaguid field). */
const device = (identity: Ed25519KeyIdentity, alias = 'laptop') => ({
  pubkey: keyOf(identity),
  alias,
  credential_id: [new Uint8Array([1, 2, 3])],
  purpose: { authentication: null },
  key_type: { platform: null },
  protection: { unprotected: null },
  origin: ['https://identity.ic0.app'],
  metadata: [],
});

const method = (identity: Ed25519KeyIdentity) => ({
  authn_method: { PubKey: { pubkey: keyOf(identity) } },
  security_settings: { protection: { Unprotected: null }, purpose: { Authentication: null } },
  metadata: [['alias', { String: 'phone' }]],
  last_authentication: [],
});

beforeAll(async () => {
  const moduleHash = new Uint8Array(createHash('sha256').update(archiveWasm()).digest());
  t = await startWithII(
    initArg('test', {
      overrides: {
        archive_config: [
          {
            module_hash: moduleHash,
            entries_buffer_limit: 1000n,
            entries_fetch_limit: 10,
            polling_interval_ns: 3_600_000_000_000n,
          },
        ],
        canister_creation_cycles_cost: [1_000_000_000_000n],
      },
    }),
  );
});
afterAll(async () => t?.net.stop());

describe("a client generated from the spec's .did", () => {
  it('calls the v1 methods', async () => {
    const owner = Ed25519KeyIdentity.generate();
    const anonymous = await client();
    await anonymous.init_salt();
    const challenge = await anonymous.create_challenge();
    expect(challenge.png_base64.length).toBeGreaterThan(100);
    const ii = await client(owner);
    const registered = await ii.register(
      device(owner),
      { key: challenge.challenge_key, chars: 'x' },
      [],
    );
    const anchor: bigint = registered.registered.user_number;

    const second = Ed25519KeyIdentity.generate();
    await ii.add(anchor, device(second, 'second'));
    await ii.update(anchor, keyOf(second), device(second, 'renamed'));
    const third = Ed25519KeyIdentity.generate();
    await ii.replace(anchor, keyOf(second), device(third, 'third'));
    await ii.remove(anchor, keyOf(third));
    expect(await anonymous.lookup(anchor)).toEqual([{ ...device(owner), alias: '' }]);
    expect((await anonymous.get_anchor_credentials(anchor)).credentials).toHaveLength(1);
    const info = await ii.get_anchor_info(anchor);
    expect(info.devices).toEqual([{ ...device(owner), last_usage: [] }]);
    expect((await ii.get_principal(anchor, FRONTEND)).toText()).toMatch(/-/);
    expect((await anonymous.stats()).users_registered).toBe(1n);

    await ii.enter_device_registration_mode(anchor);
    const tentative = Ed25519KeyIdentity.generate();
    const added = await (
      await client(tentative)
    ).add_tentative_device(anchor, device(tentative, 'new'));
    expect(
      await ii.verify_tentative_device(anchor, added.added_tentatively.verification_code),
    ).toEqual({
      verified: null,
    });
    await ii.enter_device_registration_mode(anchor);
    await ii.exit_device_registration_mode(anchor);

    const [userKey, expiration] = await ii.prepare_delegation(
      anchor,
      FRONTEND,
      keyOf(tentative),
      [],
    );
    const delegation = await ii.get_delegation(anchor, FRONTEND, keyOf(tentative), expiration);
    expect(delegation.signed_delegation.delegation.expiration).toBe(expiration);
    expect(userKey.length).toBe(62);

    const request = {
      method: 'GET',
      url: '/',
      headers: [],
      body: new Uint8Array(),
      certificate_version: [2],
    };
    expect((await anonymous.http_request(request)).status_code).toBe(200);
    expect((await anonymous.http_request_update(request)).status_code).toBe(200);
  });

  it('calls the archive methods (fetch and acknowledge answer only the archive itself)', async () => {
    const anonymous = await client();
    const deployed = await anonymous.deploy_archive(archiveWasm());
    expect(deployed.success).toBeInstanceOf(Principal);
    await expectTrap(anonymous.fetch_entries(), 'only the archive canister may call fetch_entries');
    await expectTrap(
      anonymous.acknowledge_entries(0n),
      'only the archive canister may call acknowledge_entries',
    );
  });

  it('calls the v2 methods', async () => {
    const owner = Ed25519KeyIdentity.generate();
    const ii = await client(owner);
    const captcha = await ii.captcha_create();
    expect(captcha.Ok.png_base64.length).toBeGreaterThan(100);
    const registered = await ii.identity_register(
      method(owner),
      { key: captcha.Ok.challenge_key, chars: 'x' },
      [],
    );
    const identity: bigint = registered.Ok;
    expect((await ii.identity_authn_info(identity)).Ok.authn_methods).toEqual([
      { PubKey: { pubkey: keyOf(owner) } },
    ]);
    expect(await ii.identity_metadata_replace(identity, [['k', { String: 'v' }]])).toEqual({
      Ok: null,
    });
    expect((await ii.identity_info(identity)).Ok.metadata).toEqual([['k', { String: 'v' }]]);

    const key = Ed25519KeyIdentity.generate();
    expect(await ii.authn_method_add(identity, method(key))).toEqual({ Ok: null });
    const other = Ed25519KeyIdentity.generate();
    expect(await ii.authn_method_replace(identity, keyOf(key), method(other))).toEqual({
      Ok: null,
    });
    expect(
      await ii.authn_method_metadata_replace(identity, keyOf(other), [
        ['alias', { String: 'tablet' }],
      ]),
    ).toEqual({ Ok: null });
    expect(
      await ii.authn_method_security_settings_replace(identity, keyOf(other), {
        protection: { Unprotected: null },
        purpose: { Recovery: null },
      }),
    ).toEqual({ Ok: null });
    expect(await ii.authn_method_remove(identity, keyOf(other))).toEqual({ Ok: null });

    expect('Ok' in (await ii.authn_method_registration_mode_enter(identity))).toBe(true);
    const fresh = Ed25519KeyIdentity.generate();
    const code = await (await client(fresh)).authn_method_register(identity, method(fresh));
    expect(await ii.authn_method_confirm(identity, code.Ok.confirmation_code)).toEqual({
      Ok: null,
    });
    expect(await ii.authn_method_registration_mode_exit(identity)).toEqual({ Ok: null });
    expect((await ii.identity_info(identity)).Ok.authn_methods).toHaveLength(2);

    const request = {
      identity_number: identity,
      relying_party: 'https://rp.example',
      issuer: 'https://issuer.example',
    };
    const prepared = await ii.prepare_id_alias(request);
    const credentials = await ii.get_id_alias({
      ...request,
      rp_id_alias_jwt: prepared.Ok.rp_id_alias_jwt,
      issuer_id_alias_jwt: prepared.Ok.issuer_id_alias_jwt,
    });
    expect(credentials.Ok.rp_id_alias_credential.credential_jws.split('.')).toHaveLength(3);
  });

  it('has called every method of the spec', () => {
    expect([...called].filter((m) => m in spec.methods).sort()).toEqual(
      Object.keys(spec.methods).sort(),
    );
  });
});
