import { describe, expect, it } from 'vitest';
import type { InitArgT } from './candid.js';
import { applyInitArg, DEFAULT_SETTINGS, parseSettings } from './settings.js';

const none: InitArgT = {
  ii_url: [],
  fetch_root_key: [],
  alternative_origins: [],
  auth_callbacks: [],
};

describe('applyInitArg', () => {
  const stored = {
    iiUrl: 'http://a',
    fetchRootKey: true,
    alternativeOrigins: '{"x":1}',
    authCallbacks: '{"callbacks":[]}',
  };
  it('keeps everything without an argument or with empty fields', () => {
    expect(applyInitArg(stored, [])).toEqual(stored);
    expect(applyInitArg(stored, [{ ...none }])).toEqual(stored);
  });
  it('replaces exactly the given fields', () => {
    expect(applyInitArg(stored, [{ ...none, fetch_root_key: [false] }])).toEqual({
      ...stored,
      fetchRootKey: false,
    });
    expect(applyInitArg(DEFAULT_SETTINGS, [{ ...none, ii_url: ['http://b'] }]).iiUrl).toBe(
      'http://b',
    );
  });
});

describe('parseSettings', () => {
  it('round-trips and falls back field by field', () => {
    const s = { iiUrl: null, fetchRootKey: true, alternativeOrigins: '[]', authCallbacks: '{}' };
    expect(parseSettings(JSON.stringify(s))).toEqual(s);
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"fetchRootKey":"yes","iiUrl":"http://c"}')).toEqual({
      ...DEFAULT_SETTINGS,
      iiUrl: 'http://c',
    });
  });
});
