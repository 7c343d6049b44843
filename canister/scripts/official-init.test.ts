/**
 * The init argument of the official Internet Identity (test/fixtures/official-init.did) decodes
 * here field by field: src/candid.ts declares every field with the official type. What this
 * canister does not implement is then refused by name (src/service/config.test.ts), instead of
 * being dropped by the decoder as before (an unknown variant case made the whole `opt` null).
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as C from '../src/candid.js';
import { typeDifferences } from './candid-compare.js';
import { parseDid } from './did-parser.js';

const official = parseDid(
  readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'official-init.did'), 'utf8'),
);

/** An official init argument with every field set. */
const everyField = {
  assigned_user_number_range: [[10_000n, 20_000n]],
  archive_config: [
    {
      module_hash: new Uint8Array(32).fill(1),
      entries_buffer_limit: 10_000n,
      entries_fetch_limit: 100,
      polling_interval_ns: 1_000_000_000n,
    },
  ],
  canister_creation_cycles_cost: [100_000_000_000n],
  register_rate_limit: [{ time_per_token_ns: 1n, max_tokens: 2n }],
  captcha_config: [
    {
      max_unsolved_captchas: 50n,
      captcha_trigger: {
        Dynamic: {
          threshold_pct: 10,
          current_rate_sampling_interval_s: 60n,
          reference_rate_sampling_interval_s: 3600n,
        },
      },
    },
  ],
  related_origins: [['https://id.ai']],
  new_flow_origins: [['https://id.ai']],
  openid_configs: [
    [
      {
        name: 'Google',
        logo: '',
        issuer: 'https://accounts.google.com',
        client_id: 'c',
        jwks_uri: 'https://x',
        auth_uri: 'https://y',
        auth_scope: ['openid'],
        fedcm_uri: [],
        email_verification: [{ Google: null }],
        seed_jwks: [[[['kty', 'RSA']]]],
      },
    ],
  ],
  sso_allow_insecure_discovery: [true],
  analytics_config: [
    [{ Plausible: { domain: [], hash_mode: [], track_localhost: [], api_host: [] } }],
  ],
  enable_dapps_explorer: [true],
  is_production: [true],
  dummy_auth: [[{ prompt_for_index: true }]],
  backend_canister_id: [Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai')],
  backend_origin: ['https://backend.id.ai'],
  enable_dnssec_email_recovery: [true],
  dnssec_config: [
    [
      {
        root_anchors: [
          { key_tag: 20326, algorithm: 8, digest_type: 2, digest: new Uint8Array(32) },
        ],
      },
    ],
  ],
  doh_config: [[{ allowed_domains: ['gmail.com'], max_cache_age_secs: [3600n] }]],
  mcp_official_url: [['https://mcp.id.ai']],
};

describe("the official II's init argument", () => {
  it('has every field here, with the same type (ours adds only opt fields)', () => {
    expect(typeDifferences(C.initArgTypes[0]!, official.initArgs[0]!)).toEqual([]);
  });

  it('decodes field by field: an official argument with every field set loses nothing', () => {
    const bytes = IDL.encode(official.initArgs, [[everyField]]);
    const [decoded] = IDL.decode(C.initArgTypes, bytes) as [[C.InternetIdentityInitT]];
    expect(decoded).toHaveLength(1);
    const init = decoded[0]!;
    for (const [field, value] of Object.entries(everyField))
      expect(init[field as keyof C.InternetIdentityInitT], field).toEqual(value);
    // The case the decoder used to turn into `captcha_config = null`.
    expect('Dynamic' in init.captcha_config[0]!.captcha_trigger).toBe(true);
    expect(init.max_inflight_captchas).toEqual([]);
    expect(init.fetch_root_key).toEqual([]);
  });
});
