/**
 * The init argument on the real canister: an official II init argument decodes here, and a setting
 * this canister does not implement fails the install or upgrade with a message naming it (on an
 * upgrade the canister keeps running its previous configuration), instead of being dropped.
 */
import { IDL } from '@dfinity/candid';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalnet, type Localnet } from '@ii/localnet';
import { emptyInit, encodeInitArg, initArg } from '@ii/client';
import { parseDid } from '../scripts/did-parser.js';
import { iiWasm } from './build-wasm.js';
import { registerAnchor, startWithII, type TestNet } from './support.js';

const official = parseDid(
  readFileSync(join(import.meta.dirname, 'fixtures', 'official-init.did'), 'utf8'),
);

/** The official init argument with every field null except `set`, encoded with the official types. */
function officialArg(set: Record<string, unknown>): Uint8Array {
  const fields = [
    'assigned_user_number_range',
    'archive_config',
    'canister_creation_cycles_cost',
    'register_rate_limit',
    'captcha_config',
    'related_origins',
    'new_flow_origins',
    'openid_configs',
    'sso_allow_insecure_discovery',
    'analytics_config',
    'enable_dapps_explorer',
    'is_production',
    'dummy_auth',
    'backend_canister_id',
    'backend_origin',
    'enable_dnssec_email_recovery',
    'dnssec_config',
    'doh_config',
    'mcp_official_url',
  ];
  const value = Object.fromEntries(fields.map((f) => [f, set[f] ?? []]));
  return new Uint8Array(IDL.encode(official.initArgs, [[value]]));
}

const DYNAMIC = {
  captcha_config: [
    {
      max_unsolved_captchas: 10n,
      captcha_trigger: {
        Dynamic: {
          threshold_pct: 10,
          current_rate_sampling_interval_s: 60n,
          reference_rate_sampling_interval_s: 3600n,
        },
      },
    },
  ],
};

describe('install with an official init argument', () => {
  let net: Localnet;
  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
  });
  afterAll(async () => net?.stop());

  it('installs with the official fields it implements, and refuses the ones it does not', async () => {
    const ok = await net.installCanister(iiWasm(), {
      arg: officialArg({
        captcha_config: [
          { max_unsolved_captchas: 10n, captcha_trigger: { Static: { CaptchaDisabled: null } } },
        ],
        related_origins: [[]],
        dummy_auth: [[]],
      }),
    });
    expect(ok.toText()).toMatch(/-cai$/);
    await expect(net.installCanister(iiWasm(), { arg: officialArg(DYNAMIC) })).rejects.toThrow(
      /UnsupportedInitSetting: the init argument sets captcha_config.captcha_trigger = Dynamic/,
    );
    await expect(
      net.installCanister(iiWasm(), { arg: officialArg({ related_origins: [['https://id.ai']] }) }),
    ).rejects.toThrow(/UnsupportedInitSetting: the init argument sets related_origins/);
  });
});

describe('upgrade with a setting this canister does not implement', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startWithII(initArg('test'));
  });
  afterAll(async () => t?.net.stop());

  it('is refused, and the canister keeps its data and configuration', async () => {
    const { anchor, identity } = await registerAnchor(t);
    const before = await (await t.actor(identity)).get_anchor_info(anchor);
    await expect(
      t.net.installCanister(iiWasm(), {
        canisterId: t.canisterId,
        mode: 'upgrade',
        arg: encodeInitArg({ ...emptyInit(), is_production: [true] }),
      }),
    ).rejects.toThrow(/UnsupportedInitSetting: the init argument sets is_production/);
    expect(await (await t.actor(identity)).get_anchor_info(anchor)).toEqual(before);
    // Captcha is still off (the test preset): registration works without solving one.
    await registerAnchor(t);
  });
});
