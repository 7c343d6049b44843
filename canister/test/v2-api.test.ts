// The v2 API on the real canister: identities registered through it used through v1 and the
// reverse, every method's authorization (anonymous, stranger, own device, another identity's
// device, a tentative device, a protected method), limits and typed errors with nothing changed
// by a refused call, identity metadata, and the authentication-method registration flow.
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuthnMethodDataT,
  GetIdAliasRequestT,
  IdentityInfoT,
  MetadataMapV2T,
} from '../src/candid.js';
import {
  type IIActor,
  type TestNet,
  deviceFor,
  expectTrap,
  keyOf,
  recoveryPhraseFor,
  registerAnchor,
  startWithII,
} from './support.js';
import { initArg } from '@ii/client';

const NO_CAPTCHA = { key: '', chars: '' };
const FRONTEND = 'https://dapp.example';

/** A passkey-like v2 method for `identity` (WebAuthn, platform, with an alias). */
function methodFor(
  identity: Ed25519KeyIdentity,
  overrides: Partial<AuthnMethodDataT> = {},
  metadata: MetadataMapV2T = [],
): AuthnMethodDataT {
  return {
    authn_method: {
      WebAuthn: { pubkey: keyOf(identity), credential_id: new Uint8Array([5, 6, 7]), aaguid: [] },
    },
    security_settings: { protection: { Unprotected: null }, purpose: { Authentication: null } },
    metadata: [
      ['alias', { String: 'phone' }],
      ['authenticator_attachment', { String: 'platform' }],
      ...metadata,
    ],
    last_authentication: [],
    ...overrides,
  };
}

/** A recovery phrase as a v2 method (PubKey, usage recovery_phrase). */
function phraseFor(identity: Ed25519KeyIdentity, protectedPhrase: boolean): AuthnMethodDataT {
  return {
    authn_method: { PubKey: { pubkey: keyOf(identity) } },
    security_settings: {
      protection: protectedPhrase ? { Protected: null } : { Unprotected: null },
      purpose: { Recovery: null },
    },
    metadata: [
      ['alias', { String: 'recovery phrase' }],
      ['usage', { String: 'recovery_phrase' }],
    ],
    last_authentication: [],
  };
}

let t: TestNet;
beforeAll(async () => {
  t = await startWithII();
});
afterAll(async () => t?.net.stop());

async function registerV2(): Promise<{ identity: bigint; owner: Ed25519KeyIdentity }> {
  const owner = Ed25519KeyIdentity.generate();
  const result = await (await t.actor(owner)).identity_register(methodFor(owner), NO_CAPTCHA, []);
  if (!('Ok' in result)) throw new Error(`identity_register: ${JSON.stringify(result)}`);
  return { identity: result.Ok, owner };
}

async function info(ii: IIActor, identity: bigint): Promise<IdentityInfoT> {
  const r = await ii.identity_info(identity);
  if (!('Ok' in r)) throw new Error(`identity_info: ${JSON.stringify(r)}`);
  return r.Ok;
}

describe('v1 and v2 are two views of the same anchors', () => {
  it('an identity registered through v2 is an anchor v1 reads, delegates for and changes', async () => {
    const { identity, owner } = await registerV2();
    const v1 = await t.actor(owner);
    const anchorInfo = await v1.get_anchor_info(identity);
    expect(anchorInfo.devices).toEqual([
      {
        ...deviceFor(owner, {
          alias: 'phone',
          credential_id: [new Uint8Array([5, 6, 7])],
          key_type: { platform: null },
          origin: [],
        }),
        last_usage: [],
      },
    ]);
    const [userKey] = await v1.prepare_delegation(identity, FRONTEND, keyOf(owner), []);
    expect(Principal.selfAuthenticating(userKey).toText()).toBe(
      (await v1.get_principal(identity, FRONTEND)).toText(),
    );
    // A device v1 adds is an authentication method for v2, with the usage v2 derives.
    const phrase = Ed25519KeyIdentity.generate();
    await v1.add(identity, recoveryPhraseFor(phrase, 'protected'));
    const seen = await info(await t.actor(owner), identity);
    expect(seen.authn_methods).toHaveLength(2);
    expect(seen.authn_methods[1]).toEqual({ ...phraseFor(phrase, true), last_authentication: [] });
    // prepare_delegation recorded when the first method was last used.
    expect(seen.authn_methods[0]!.last_authentication).toHaveLength(1);
  });

  it('an anchor registered through v1 is an identity v2 reads and changes', async () => {
    const { anchor, identity: owner } = await registerAnchor(t);
    const ii = await t.actor(owner);
    const seen = await info(ii, anchor);
    expect(seen.authn_methods).toEqual([
      {
        authn_method: {
          WebAuthn: {
            pubkey: keyOf(owner),
            credential_id: new Uint8Array([1, 2, 3, 4]),
            aaguid: [],
          },
        },
        security_settings: { protection: { Unprotected: null }, purpose: { Authentication: null } },
        metadata: [
          ['alias', { String: 'test device' }],
          ['origin', { String: 'https://identity.ic0.app' }],
          ['authenticator_attachment', { String: 'cross_platform' }],
        ],
        last_authentication: [],
      },
    ]);
    expect(seen.metadata).toEqual([]);
    const key = Ed25519KeyIdentity.generate();
    expect(await ii.authn_method_add(anchor, methodFor(key))).toEqual({ Ok: null });
    const devices = await (await t.actor()).lookup(anchor);
    expect(devices.map((d) => Buffer.from(d.pubkey).toString('hex'))).toContain(
      Buffer.from(keyOf(key)).toString('hex'),
    );
    // The method v2 added signs for the anchor through v1.
    await (await t.actor(key)).get_anchor_info(anchor);
  });

  it('identity_authn_info gives the methods without metadata, recovery ones apart; Err for no identity', async () => {
    const { identity, owner } = await registerV2();
    const phrase = Ed25519KeyIdentity.generate();
    await (await t.actor(owner)).authn_method_add(identity, phraseFor(phrase, false));
    const anonymous = await t.actor();
    expect(await anonymous.identity_authn_info(identity)).toEqual({
      Ok: {
        authn_methods: [
          {
            WebAuthn: {
              pubkey: keyOf(owner),
              credential_id: new Uint8Array([5, 6, 7]),
              aaguid: [],
            },
          },
        ],
        recovery_authn_methods: [{ PubKey: { pubkey: keyOf(phrase) } }],
      },
    });
    expect(await anonymous.identity_authn_info(987_654_321n)).toEqual({ Err: null });
  });
});

describe('identity_register and captcha_create', () => {
  it('refuse bad metadata and limits as InvalidMetadata, allocating no number', async () => {
    const before = (await (await t.actor()).stats()).users_registered;
    const owner = Ed25519KeyIdentity.generate();
    const ii = await t.actor(owner);
    const cases: Array<[AuthnMethodDataT, RegExp]> = [
      [methodFor(owner, { metadata: [['usage', { String: 'x' }]] }), /usage 'x' is not/],
      [methodFor(owner, { metadata: [['alias', { String: 'a'.repeat(65) }]] }), /^AliasTooLong: /],
      [methodFor(owner, {}, [['pubkey', { String: 'x' }]]), /'pubkey' is reserved/],
      [
        methodFor(owner, {
          authn_method: {
            WebAuthn: {
              pubkey: keyOf(owner),
              credential_id: new Uint8Array(1),
              aaguid: [new Uint8Array(3)],
            },
          },
        }),
        /^InvalidAaguid: /,
      ],
    ];
    for (const [method, message] of cases) {
      const r = await ii.identity_register(method, NO_CAPTCHA, []);
      if (!('Err' in r) || !('InvalidMetadata' in r.Err)) throw new Error(JSON.stringify(r));
      expect(r.Err.InvalidMetadata).toMatch(message);
    }
    expect((await (await t.actor()).stats()).users_registered).toBe(before);
  });

  it('trap when the caller is not the method (no Err case for it), as register does', async () => {
    const owner = Ed25519KeyIdentity.generate();
    await expectTrap(
      (await t.actor()).identity_register(methodFor(owner), NO_CAPTCHA, []),
      'Unauthorized: the caller must be the self-authenticating principal',
    );
  });

  it('with the captcha on: a captcha from captcha_create, BadCaptcha, Err when too many', async () => {
    const c = await startWithII(
      initArg('production', {
        overrides: {
          captcha_config: [
            { max_unsolved_captchas: 2n, captcha_trigger: { Static: { CaptchaEnabled: null } } },
          ],
        },
      }),
    );
    try {
      const owner = Ed25519KeyIdentity.generate();
      const ii = await c.actor(owner);
      const first = await ii.captcha_create();
      if (!('Ok' in first)) throw new Error('no captcha');
      expect(first.Ok.png_base64.length).toBeGreaterThan(100);
      expect(
        await ii.identity_register(
          methodFor(owner),
          { key: first.Ok.challenge_key, chars: '?????' },
          [],
        ),
      ).toEqual({ Err: { BadCaptcha: null } });
      expect('Ok' in (await ii.captcha_create())).toBe(true);
      expect('Ok' in (await ii.captcha_create())).toBe(true);
      expect(await ii.captcha_create()).toEqual({ Err: null });
    } finally {
      await c.net.stop();
    }
  });

  it('CanisterFull when the range is used up', async () => {
    const c = await startWithII(
      initArg('test', { overrides: { assigned_user_number_range: [[10_000n, 10_001n]] } }),
    );
    try {
      const a = Ed25519KeyIdentity.generate();
      const b = Ed25519KeyIdentity.generate();
      expect(await (await c.actor(a)).identity_register(methodFor(a), NO_CAPTCHA, [])).toEqual({
        Ok: 10_000n,
      });
      expect(await (await c.actor(b)).identity_register(methodFor(b), NO_CAPTCHA, [])).toEqual({
        Err: { CanisterFull: null },
      });
    } finally {
      await c.net.stop();
    }
  });
});

describe('a protected method', () => {
  let identity: bigint;
  let owner: Ed25519KeyIdentity;
  let phrase: Ed25519KeyIdentity;
  beforeAll(async () => {
    ({ identity, owner } = await registerV2());
    phrase = Ed25519KeyIdentity.generate();
    const ii = await t.actor(owner);
    expect(await ii.authn_method_add(identity, phraseFor(phrase, true))).toEqual({ Ok: null });
  });

  it('is changed or removed only by itself', async () => {
    const ii = await t.actor(owner);
    const before = await info(ii, identity);
    expect(await ii.authn_method_remove(identity, keyOf(phrase))).toEqual({ Err: null });
    const notItself = /MutationNotAllowed: /;
    await expectTrap(ii.authn_method_metadata_replace(identity, keyOf(phrase), []), notItself);
    await expectTrap(
      ii.authn_method_replace(
        identity,
        keyOf(phrase),
        phraseFor(Ed25519KeyIdentity.generate(), true),
      ),
      notItself,
    );
    await expectTrap(
      ii.authn_method_security_settings_replace(identity, keyOf(phrase), {
        protection: { Unprotected: null },
        purpose: { Recovery: null },
      }),
      notItself,
    );
    expect(await info(ii, identity)).toEqual(before);
    // The phrase itself may: it renames itself.
    const self = await t.actor(phrase);
    const renamed: MetadataMapV2T = [
      ['alias', { String: 'my words' }],
      ['usage', { String: 'recovery_phrase' }],
    ];
    expect(await self.authn_method_metadata_replace(identity, keyOf(phrase), renamed)).toEqual({
      Ok: null,
    });
    expect((await info(ii, identity)).authn_methods[1]!.metadata).toEqual(renamed);
  });
});

describe('the authorization matrix: every authenticated v2 method × every kind of caller', () => {
  /** An identity with a passkey (the owner), a protected recovery phrase, a spare passkey to act
   * on, and a tentative method waiting for its confirmation code. */
  interface Fixture {
    identity: bigint;
    owner: Ed25519KeyIdentity;
    phrase: Ed25519KeyIdentity;
    spare: Ed25519KeyIdentity;
    tentative: Ed25519KeyIdentity;
    code: string;
  }
  async function fixture(): Promise<Fixture> {
    const { identity, owner } = await registerV2();
    const ii = await t.actor(owner);
    const phrase = Ed25519KeyIdentity.generate();
    const spare = Ed25519KeyIdentity.generate();
    const tentative = Ed25519KeyIdentity.generate();
    expect(await ii.authn_method_add(identity, phraseFor(phrase, true))).toEqual({ Ok: null });
    expect(await ii.authn_method_add(identity, methodFor(spare))).toEqual({ Ok: null });
    expect('Ok' in (await ii.authn_method_registration_mode_enter(identity))).toBe(true);
    const registered = await (
      await t.actor(tentative)
    ).authn_method_register(identity, methodFor(tentative));
    if (!('Ok' in registered))
      throw new Error(`authn_method_register: ${JSON.stringify(registered)}`);
    return { identity, owner, phrase, spare, tentative, code: registered.Ok.confirmation_code };
  }

  let otherIdentityOwner: Ed25519KeyIdentity;
  beforeAll(async () => {
    ({ owner: otherIdentityOwner } = await registerV2());
  });

  type Allowed = 'own device' | 'protected device';
  type Refused = 'anonymous' | 'stranger' | "another identity's device" | 'tentative device';
  const allowedCallers: Record<Allowed, (f: Fixture) => Ed25519KeyIdentity> = {
    'own device': (f) => f.owner,
    'protected device': (f) => f.phrase,
  };
  const refusedCallers: Record<Refused, (f: Fixture) => Ed25519KeyIdentity | undefined> = {
    anonymous: () => undefined,
    stranger: () => Ed25519KeyIdentity.generate(),
    "another identity's device": () => otherIdentityOwner,
    'tentative device': (f) => f.tentative,
  };

  const settings = { protection: { Unprotected: null }, purpose: { Recovery: null } };
  const idAliasRequest = (f: Fixture) => ({
    identity_number: f.identity,
    relying_party: 'https://rp.example',
    issuer: 'https://issuer.example',
  });
  /**
   * get_id_alias needs JWTs prepared (by the owner) first, once per identity: preparing records
   * the owner's use, which must not count as a change made by a refused call.
   */
  const preparedJwts = new Map<bigint, Promise<GetIdAliasRequestT>>();
  function prepared(f: Fixture): Promise<GetIdAliasRequestT> {
    if (!preparedJwts.has(f.identity))
      preparedJwts.set(
        f.identity,
        (async () => {
          const r = await (await t.actor(f.owner)).prepare_id_alias(idAliasRequest(f));
          if (!('Ok' in r)) throw new Error(`prepare_id_alias: ${JSON.stringify(r)}`);
          return { ...idAliasRequest(f), ...r.Ok };
        })(),
      );
    return preparedJwts.get(f.identity)!;
  }

  // How a refused caller is told, as each method's Candid allows: its Unauthorized case, its bare
  // Err, or (no case for it) a trap, as v1 does.
  type Refusal = 'Unauthorized' | 'Err' | 'trap';
  const rows: Array<{
    method: string;
    call: (ii: IIActor, f: Fixture) => Promise<unknown>;
    refusal: Refusal;
    /** What an allowed call answers and what it changed. */
    allowed: (result: unknown, f: Fixture, seen: IdentityInfoT) => void;
  }> = [
    {
      method: 'identity_info',
      call: (ii, f) => ii.identity_info(f.identity),
      refusal: 'Unauthorized',
      allowed: (r) =>
        expect((r as { Ok: IdentityInfoT }).Ok.authn_methods.map((m) => m.metadata[0])).toEqual([
          ['alias', { String: 'phone' }],
          ['alias', { String: 'recovery phrase' }],
          ['alias', { String: 'phone' }],
        ]),
    },
    {
      method: 'identity_metadata_replace',
      call: (ii, f) => ii.identity_metadata_replace(f.identity, [['k', { String: 'v' }]]),
      refusal: 'Unauthorized',
      allowed: (r, _f, seen) => {
        expect(r).toEqual({ Ok: null });
        expect(seen.metadata).toEqual([['k', { String: 'v' }]]);
      },
    },
    {
      method: 'authn_method_add',
      call: (ii, f) => ii.authn_method_add(f.identity, methodFor(Ed25519KeyIdentity.generate())),
      refusal: 'trap',
      allowed: (r, _f, seen) => {
        expect(r).toEqual({ Ok: null });
        expect(seen.authn_methods).toHaveLength(4);
      },
    },
    {
      method: 'authn_method_replace',
      call: (ii, f) =>
        ii.authn_method_replace(
          f.identity,
          keyOf(f.spare),
          methodFor(Ed25519KeyIdentity.generate()),
        ),
      refusal: 'trap',
      allowed: (r, f, seen) => {
        expect(r).toEqual({ Ok: null });
        expect(seen.authn_methods.map((m) => keyOfMethod(m))).not.toContain(hex(keyOf(f.spare)));
        expect(seen.authn_methods).toHaveLength(3);
      },
    },
    {
      method: 'authn_method_metadata_replace',
      call: (ii, f) =>
        ii.authn_method_metadata_replace(f.identity, keyOf(f.spare), [
          ['alias', { String: 'renamed' }],
        ]),
      refusal: 'trap',
      allowed: (r, _f, seen) => {
        expect(r).toEqual({ Ok: null });
        expect(seen.authn_methods[2]!.metadata).toEqual([['alias', { String: 'renamed' }]]);
      },
    },
    {
      method: 'authn_method_security_settings_replace',
      call: (ii, f) =>
        ii.authn_method_security_settings_replace(f.identity, keyOf(f.spare), settings),
      refusal: 'trap',
      allowed: (r, _f, seen) => {
        expect(r).toEqual({ Ok: null });
        expect(seen.authn_methods[2]!.security_settings).toEqual(settings);
      },
    },
    {
      method: 'authn_method_remove',
      call: (ii, f) => ii.authn_method_remove(f.identity, keyOf(f.spare)),
      refusal: 'Err',
      allowed: (r, _f, seen) => {
        expect(r).toEqual({ Ok: null });
        expect(seen.authn_methods).toHaveLength(2);
      },
    },
    {
      method: 'authn_method_registration_mode_enter',
      call: (ii, f) => ii.authn_method_registration_mode_enter(f.identity),
      refusal: 'Err',
      allowed: (r, _f, seen) => {
        expect(r).toMatchObject({ Ok: { expiration: expect.any(BigInt) } });
        expect(seen.authn_method_registration).toHaveLength(1);
      },
    },
    {
      method: 'authn_method_registration_mode_exit',
      call: (ii, f) => ii.authn_method_registration_mode_exit(f.identity),
      refusal: 'Err',
      allowed: (r, _f, seen) => {
        expect(r).toEqual({ Ok: null });
        expect(seen.authn_method_registration).toEqual([]);
      },
    },
    {
      method: 'authn_method_confirm',
      call: (ii, f) => ii.authn_method_confirm(f.identity, f.code),
      refusal: 'trap',
      allowed: (r, f, seen) => {
        expect(r).toEqual({ Ok: null });
        expect(seen.authn_methods.map((m) => keyOfMethod(m))).toContain(hex(keyOf(f.tentative)));
      },
    },
    {
      method: 'prepare_id_alias',
      call: (ii, f) => ii.prepare_id_alias(idAliasRequest(f)),
      refusal: 'Unauthorized',
      allowed: (r) =>
        expect(r).toMatchObject({
          Ok: { rp_id_alias_jwt: expect.any(String), issuer_id_alias_jwt: expect.any(String) },
        }),
    },
    {
      method: 'get_id_alias',
      call: async (ii, f) => ii.get_id_alias(await prepared(f)),
      refusal: 'Unauthorized',
      allowed: (r) =>
        expect(r).toMatchObject({
          Ok: { rp_id_alias_credential: { credential_jws: expect.any(String) } },
        }),
    },
  ];

  for (const row of rows) {
    it(`${row.method}: refused for ${Object.keys(refusedCallers).join(', ')} (changing nothing); allowed for ${Object.keys(allowedCallers).join(' and ')}`, async () => {
      const f = await fixture();
      if (row.method === 'get_id_alias') await prepared(f);
      const snapshot = async () => info(await t.actor(f.owner), f.identity);
      const before = await snapshot();
      for (const [who, callerOf] of Object.entries(refusedCallers)) {
        const caller = callerOf(f);
        const call = row.call(await t.actor(caller), f);
        const principal = caller ? caller.getPrincipal() : Principal.anonymous();
        if (row.refusal === 'trap')
          await expectTrap(call, /Unauthorized: the caller is not authorized to use anchor/);
        else
          expect(await call, who).toEqual(
            row.refusal === 'Err' ? { Err: null } : { Err: { Unauthorized: principal } },
          );
        expect(await snapshot(), who).toEqual(before);
      }
      for (const [who, callerOf] of Object.entries(allowedCallers)) {
        // Each allowed caller on an identity of its own, so that one's change cannot hide the other's.
        const g = who === 'own device' ? f : await fixture();
        const result = await row.call(await t.actor(callerOf(g)), g);
        try {
          row.allowed(result, g, await info(await t.actor(g.owner), g.identity));
        } catch (error) {
          throw new Error(`${who}: ${error instanceof Error ? error.message : String(error)}`, {
            cause: error,
          });
        }
      }
    });
  }
});

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
function keyOfMethod(m: AuthnMethodDataT): string {
  const method = m.authn_method;
  return hex('WebAuthn' in method ? method.WebAuthn.pubkey : method.PubKey.pubkey);
}

describe('limits and typed errors; a refused call changes nothing', () => {
  let identity: bigint;
  let owner: Ed25519KeyIdentity;
  let ii: IIActor;
  beforeAll(async () => {
    ({ identity, owner } = await registerV2());
    ii = await t.actor(owner);
  });

  async function unchanged<T>(call: () => Promise<T>): Promise<T> {
    const before = await info(ii, identity);
    const result = await call();
    expect(await info(ii, identity)).toEqual(before);
    return result;
  }

  it('authn_method_add: field limits, duplicate, a second recovery phrase, too many methods', async () => {
    const k = () => Ed25519KeyIdentity.generate();
    const invalid = async (m: AuthnMethodDataT) => {
      const r = await unchanged(() => ii.authn_method_add(identity, m));
      if (!('Err' in r)) throw new Error('accepted');
      return r.Err.InvalidMetadata;
    };
    expect(await invalid(methodFor(k(), {}, [['origin', { String: 'o'.repeat(51) }]]))).toMatch(
      /^OriginTooLong: /,
    );
    expect(await invalid(methodFor(owner))).toMatch(/^DuplicateDevice: /);
    expect(await ii.authn_method_add(identity, phraseFor(k(), false))).toEqual({ Ok: null });
    expect(await invalid(phraseFor(k(), false))).toMatch(/^MultipleRecoveryPhrases: /);
    for (let i = 0; i < 8; i++)
      expect(await ii.authn_method_add(identity, methodFor(k()))).toEqual({ Ok: null });
    expect(await invalid(methodFor(k()))).toMatch(/^TooManyDevices: /);
  });

  it('AuthnMethodNotFound for a key the identity does not have; remove answers Err', async () => {
    const missing = keyOf(Ed25519KeyIdentity.generate());
    const notFound = { Err: { AuthnMethodNotFound: null } };
    expect(
      await unchanged(() => ii.authn_method_replace(identity, missing, methodFor(owner))),
    ).toEqual(notFound);
    expect(await unchanged(() => ii.authn_method_metadata_replace(identity, missing, []))).toEqual(
      notFound,
    );
    expect(
      await unchanged(() =>
        ii.authn_method_security_settings_replace(identity, missing, {
          protection: { Unprotected: null },
          purpose: { Authentication: null },
        }),
      ),
    ).toEqual(notFound);
    expect(await unchanged(() => ii.authn_method_remove(identity, missing))).toEqual({ Err: null });
  });

  it('security settings: only a recovery phrase may be protected (no Err case: a trap)', async () => {
    await expectTrap(
      unchanged(() =>
        ii.authn_method_security_settings_replace(identity, keyOf(owner), {
          protection: { Protected: null },
          purpose: { Authentication: null },
        }),
      ),
      /InvalidDeviceProtection: /,
    );
    expect(
      await ii.authn_method_security_settings_replace(identity, keyOf(owner), {
        protection: { Unprotected: null },
        purpose: { Recovery: null },
      }),
    ).toEqual({ Ok: null });
    expect((await info(ii, identity)).authn_methods[0]!.security_settings.purpose).toEqual({
      Recovery: null,
    });
  });

  it('metadata_replace rewrites alias, origin and key type with the map; replace swaps the method', async () => {
    const { identity: id, owner: o } = await registerV2();
    const a = await t.actor(o);
    const map: MetadataMapV2T = [
      ['alias', { String: 'laptop' }],
      ['origin', { String: 'https://identity.internetcomputer.org' }],
      ['authenticator_attachment', { String: 'cross_platform' }],
      ['color', { String: 'blue' }],
    ];
    expect(await a.authn_method_metadata_replace(id, keyOf(o), map)).toEqual({ Ok: null });
    const device = (await a.get_anchor_info(id)).devices[0]!;
    expect(device).toMatchObject({
      alias: 'laptop',
      origin: ['https://identity.internetcomputer.org'],
      key_type: { cross_platform: null },
      metadata: [[['color', { string: 'blue' }]]],
    });
    const next = Ed25519KeyIdentity.generate();
    expect(await a.authn_method_replace(id, keyOf(o), methodFor(next))).toEqual({ Ok: null });
    expect((await info(await t.actor(next), id)).authn_methods).toHaveLength(1);
  });
});

describe('identity metadata', () => {
  it('is replaced, shown by identity_info, kept apart from the methods, and bounded', async () => {
    const { identity, owner } = await registerV2();
    const ii = await t.actor(owner);
    const map: MetadataMapV2T = [
      ['recovery_page_shown_timestamp_millis', { String: '1700000000000' }],
      ['nested', { Map: [['bytes', { Bytes: new Uint8Array([1, 2]) }]] }],
    ];
    expect(await ii.identity_metadata_replace(identity, map)).toEqual({ Ok: null });
    const seen = await info(ii, identity);
    expect(seen.metadata).toEqual(map);
    expect(seen.authn_methods[0]!.metadata).toEqual(methodFor(owner).metadata);

    const before = await info(ii, identity);
    const big = await ii.identity_metadata_replace(identity, [
      ['k', { Bytes: new Uint8Array(2_500) }],
    ]);
    expect(big).toEqual({
      Err: {
        StorageSpaceExceeded: {
          space_available: BigInt(2_500 - keyOf(owner).length - 3 - 5),
          space_required: 2_501n,
        },
      },
    });
    let deep: MetadataMapV2T = [['x', { String: '' }]];
    for (let i = 0; i < 8; i++) deep = [['m', { Map: deep }]];
    const tooDeep = await ii.identity_metadata_replace(identity, deep);
    expect(tooDeep).toMatchObject({
      Err: { InternalCanisterError: expect.stringMatching(/^MetadataTooDeep: /) },
    });
    expect(await info(ii, identity)).toEqual(before);

    // The budget is shared: identity metadata leaves less room for devices.
    expect(
      await ii.identity_metadata_replace(identity, [['k', { Bytes: new Uint8Array(2_300) }]]),
    ).toEqual({ Ok: null });
    const add = await ii.authn_method_add(
      identity,
      methodFor(Ed25519KeyIdentity.generate(), {}, [['n', { String: 'x'.repeat(100) }]]),
    );
    expect(add).toMatchObject({
      Err: { InvalidMetadata: expect.stringMatching(/^VariableFieldsLimitExceeded: /) },
    });
    expect(await ii.identity_metadata_replace(identity, [])).toEqual({ Ok: null });
    expect((await info(ii, identity)).metadata).toEqual([]);
  });
});

describe('authentication method registration', () => {
  it('enter, register from the new method, confirm with the code; the method then signs in', async () => {
    const { identity, owner } = await registerV2();
    const ii = await t.actor(owner);
    const fresh = Ed25519KeyIdentity.generate();
    const newcomer = await t.actor(fresh);
    expect(await newcomer.authn_method_register(identity, methodFor(fresh))).toEqual({
      Err: { RegistrationModeOff: null },
    });
    const entered = await ii.authn_method_registration_mode_enter(identity);
    if (!('Ok' in entered)) throw new Error('enter');
    expect(await ii.authn_method_confirm(identity, '123456')).toEqual({
      Err: { NoAuthnMethodToConfirm: null },
    });
    const registered = await newcomer.authn_method_register(identity, methodFor(fresh));
    if (!('Ok' in registered)) throw new Error(JSON.stringify(registered));
    expect(registered.Ok.confirmation_code).toMatch(/^[0-9]{6}$/);
    expect(registered.Ok.expiration).toBe(entered.Ok.expiration);
    const other = Ed25519KeyIdentity.generate();
    expect(await (await t.actor(other)).authn_method_register(identity, methodFor(other))).toEqual({
      Err: { RegistrationAlreadyInProgress: null },
    });
    // The tentative method shows in identity_info, and cannot sign in yet.
    const pending = (await info(ii, identity)).authn_method_registration;
    expect(pending).toEqual([
      { expiration: entered.Ok.expiration, authn_method: [methodFor(fresh)] },
    ]);
    expect(await newcomer.identity_info(identity)).toEqual({
      Err: { Unauthorized: fresh.getPrincipal() },
    });
    const wrong = registered.Ok.confirmation_code === '000000' ? '000001' : '000000';
    expect(await ii.authn_method_confirm(identity, wrong)).toEqual({
      Err: { WrongCode: { retries_left: 4 } },
    });
    expect(await ii.authn_method_confirm(identity, registered.Ok.confirmation_code)).toEqual({
      Ok: null,
    });
    expect((await info(newcomer, identity)).authn_methods).toHaveLength(2);
    expect(await ii.authn_method_confirm(identity, registered.Ok.confirmation_code)).toEqual({
      Err: { RegistrationModeOff: null },
    });
  });

  it('exit ends the mode; v1 and v2 share it (a v2 registration verified through v1)', async () => {
    const { identity, owner } = await registerV2();
    const ii = await t.actor(owner);
    expect('Ok' in (await ii.authn_method_registration_mode_enter(identity))).toBe(true);
    expect(await ii.authn_method_registration_mode_exit(identity)).toEqual({ Ok: null });
    const fresh = Ed25519KeyIdentity.generate();
    expect(await (await t.actor(fresh)).authn_method_register(identity, methodFor(fresh))).toEqual({
      Err: { RegistrationModeOff: null },
    });
    await ii.enter_device_registration_mode(identity);
    const r = await (await t.actor(fresh)).authn_method_register(identity, methodFor(fresh));
    if (!('Ok' in r)) throw new Error('register');
    expect(await ii.verify_tentative_device(identity, r.Ok.confirmation_code)).toEqual({
      verified: null,
    });
    expect((await ii.get_anchor_info(identity)).devices).toHaveLength(2);
  });
});
