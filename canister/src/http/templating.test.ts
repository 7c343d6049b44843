import { describe, expect, it } from 'vitest';
import { CONFIG_PLACEHOLDER, configJson, fillTemplate } from './templating.js';

const page = `<script id="ii-config" type="application/json">${CONFIG_PLACEHOLDER}</script>`;

describe('fillTemplate', () => {
  it('puts the canister id and API host in the config block', () => {
    const r = fillTemplate(page, {
      canisterId: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
      apiHost: null,
      fetchRootKey: false,
    });
    expect(r).toEqual({
      ok: true,
      html: '<script id="ii-config" type="application/json">{"canisterId":"rdmx6-jaaaa-aaaaa-aaadq-cai","apiHost":null,"fetchRootKey":false}</script>',
    });
  });

  it('cannot be broken out of', () => {
    const json = configJson({
      canisterId: '</script><script>alert(1)</script>',
      apiHost: 'a&b',
      fetchRootKey: true,
    });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual({
      canisterId: '</script><script>alert(1)</script>',
      apiHost: 'a&b',
      fetchRootKey: true,
    });
  });

  it('carries the captcha setting only when given (the test flavor gives it)', () => {
    const base = { canisterId: 'x', apiHost: null, fetchRootKey: false };
    expect(JSON.parse(configJson(base))).not.toHaveProperty('captcha');
    expect(JSON.parse(configJson({ ...base, captcha: false }))).toEqual({
      ...base,
      captcha: false,
    });
  });

  it('refuses a page without, or with two, placeholders', () => {
    const cfg = { canisterId: 'x', apiHost: null, fetchRootKey: false };
    expect(fillTemplate('<html></html>', cfg).ok).toBe(false);
    expect(fillTemplate(page + page, cfg).ok).toBe(false);
  });
});
