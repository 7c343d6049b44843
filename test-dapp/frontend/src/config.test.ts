import { describe, expect, it } from 'vitest';
import { configJson } from '../../canister/src/page-config.js';
import {
  ConfigError,
  defaultIiUrl,
  loginErrorText,
  loginSettings,
  parsePageConfig,
} from './config.js';

const CONFIG = { canisterId: 'rrkah-fqaaa-aaaaa-aaaaq-cai', iiUrl: null, fetchRootKey: true };

describe('parsePageConfig', () => {
  it('reads what the canister fills in', () => {
    expect(parsePageConfig(configJson({ ...CONFIG, iiUrl: 'http://x.localhost:1/' }))).toEqual({
      ...CONFIG,
      iiUrl: 'http://x.localhost:1/',
    });
  });
  it('refuses the unfilled placeholder and wrong types', () => {
    expect(() => parsePageConfig('__DAPP_CONFIG__')).toThrow(ConfigError);
    expect(() => parsePageConfig(null)).toThrow(ConfigError);
    expect(() => parsePageConfig('{"canisterId":1}')).toThrow(/canisterId/);
    expect(() => parsePageConfig('{"canisterId":"a","iiUrl":null}')).toThrow(/fetchRootKey/);
  });
});

describe('defaultIiUrl', () => {
  it('uses II’s canister host on localnet, same scheme and port', () => {
    expect(defaultIiUrl(new URL('http://rrkah-fqaaa-aaaaa-aaaaq-cai.localhost:4943/'))).toBe(
      'http://rdmx6-jaaaa-aaaaa-aaadq-cai.localhost:4943',
    );
    expect(defaultIiUrl(new URL('http://127.0.0.1:8080/?canisterId=x'))).toBe(
      'http://rdmx6-jaaaa-aaaaa-aaadq-cai.localhost:8080',
    );
  });
  it('uses the production hostname elsewhere', () => {
    expect(defaultIiUrl(new URL('https://rrkah-fqaaa-aaaaa-aaaaq-cai.icp0.io/'))).toBe(
      'https://identity.internetcomputer.org',
    );
    expect(defaultIiUrl(new URL('https://rrkah-fqaaa-aaaaa-aaaaq-cai.icp0.io:4944/'))).toBe(
      'https://identity.internetcomputer.org:4944',
    );
  });
});

describe('loginSettings', () => {
  const page = 'http://rrkah-fqaaa-aaaaa-aaaaq-cai.localhost:4943/';
  it('defaults to II on localnet with #authorize', () => {
    expect(loginSettings(CONFIG, new URL(page))).toEqual({
      identityProvider: 'http://rdmx6-jaaaa-aaaaa-aaadq-cai.localhost:4943/#authorize',
    });
  });
  it('prefers ?ii= over the configured URL over the default', () => {
    const cfg = { ...CONFIG, iiUrl: 'http://identity.localhost:4943' };
    expect(loginSettings(cfg, new URL(page)).identityProvider).toBe(
      'http://identity.localhost:4943/#authorize',
    );
    const q = `${page}?ii=${encodeURIComponent('http://other.localhost:1/x#y')}`;
    expect(loginSettings(cfg, new URL(q)).identityProvider).toBe(
      'http://other.localhost:1/x#authorize',
    );
  });
  it('passes maxTimeToLive and derivationOrigin from the query', () => {
    const s = loginSettings(
      CONFIG,
      new URL(`${page}?maxTimeToLive=60000000000&derivationOrigin=https%3A%2F%2Fa.icp0.io`),
    );
    expect(s.maxTimeToLive).toBe(60_000_000_000n);
    expect(s.derivationOrigin).toBe('https://a.icp0.io');
  });
  it('refuses malformed parameters', () => {
    expect(() => loginSettings(CONFIG, new URL(`${page}?maxTimeToLive=1h`))).toThrow(ConfigError);
    expect(() => loginSettings(CONFIG, new URL(`${page}?ii=not%20a%20url`))).toThrow(ConfigError);
  });
});

describe('loginErrorText', () => {
  it('says in words that the user closed the window (not "UserInterrupt")', () => {
    const text = loginErrorText('UserInterrupt');
    expect(text).toMatch(/^Login cancelled: the Internet Identity window was closed\./);
    expect(text).not.toContain('UserInterrupt');
  });
  it("passes Internet Identity's own reason on", () => {
    expect(loginErrorText('the origin is not allowed')).toBe(
      'Login failed: the origin is not allowed',
    );
    expect(loginErrorText(undefined)).toBe('Login failed: no reason given');
  });
});
