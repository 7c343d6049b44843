import { IDL } from '@dfinity/candid';
import { initArgTypes } from '@ii/canister/candid';
import { describe, expect, it } from 'vitest';
import { encodeInitArg, initArg } from './init.js';

describe('init presets', () => {
  it('production has the captcha on; canary and test have it off', () => {
    const trigger = (p: 'production' | 'canary' | 'test') =>
      initArg(p).captcha_config[0]?.captcha_trigger;
    expect(trigger('production')).toEqual({ Static: { CaptchaEnabled: null } });
    expect(trigger('canary')).toEqual({ Static: { CaptchaDisabled: null } });
    expect(trigger('test')).toEqual({ Static: { CaptchaDisabled: null } });
  });

  it('fetches the root key only when asked, and takes overrides last', () => {
    expect(initArg('production').fetch_root_key).toEqual([]);
    expect(initArg('test', { fetchRootKey: true }).fetch_root_key).toEqual([true]);
    const range: [bigint, bigint] = [10_000n, 20_000n];
    expect(
      initArg('test', { overrides: { assigned_user_number_range: [range] } })
        .assigned_user_number_range,
    ).toEqual([range]);
  });

  it('encodes as (opt InternetIdentityInit); null keeps everything on upgrade', () => {
    const init = initArg('canary', { fetchRootKey: true });
    expect(IDL.decode(initArgTypes, encodeInitArg(init))).toEqual([[init]]);
    expect(IDL.decode(initArgTypes, encodeInitArg(null))).toEqual([[]]);
  });
});
