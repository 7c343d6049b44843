import { describe, expect, it } from 'vitest';
import { ConfigError, readPageConfig } from './config.js';

/** A document-like object holding one element with the given text (or none). */
const docWith = (text: string | null) => ({
  getElementById: (id: string) =>
    text !== null && id === 'ii-config' ? ({ textContent: text } as HTMLElement) : null,
});

describe('readPageConfig', () => {
  it('reads a filled-in config, defaulting apiHost and fetchRootKey', () => {
    expect(readPageConfig(docWith('{"canisterId":"rdmx6-jaaaa-aaaaa-aaadq-cai"}'))).toEqual({
      canisterId: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
      apiHost: null,
      fetchRootKey: false,
    });
    expect(
      readPageConfig(
        docWith(
          ' {"canisterId":"rdmx6-jaaaa-aaaaa-aaadq-cai","apiHost":"http://localhost:4943","fetchRootKey":true} ',
        ),
      ),
    ).toEqual({
      canisterId: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
      apiHost: 'http://localhost:4943',
      fetchRootKey: true,
    });
  });

  it("reads the test flavor's captcha setting when the canister gives it", () => {
    const text = '{"canisterId":"rdmx6-jaaaa-aaaaa-aaadq-cai","captcha":false}';
    expect(readPageConfig(docWith(text)).captcha).toBe(false);
    expect(() => readPageConfig(docWith(text.replace('false', '"no"')))).toThrow(ConfigError);
  });

  it('throws typed errors for a missing element, the placeholder, bad JSON and bad fields', () => {
    expect(() => readPageConfig(docWith(null))).toThrow(ConfigError);
    expect(() => readPageConfig(docWith('__II_CONFIG__'))).toThrow(/not filled in/);
    expect(() => readPageConfig(docWith('{'))).toThrow(/not valid JSON/);
    expect(() => readPageConfig(docWith('{"canisterId":"nope"}'))).toThrow(/canisterId/);
    expect(() =>
      readPageConfig(docWith('{"canisterId":"rdmx6-jaaaa-aaaaa-aaadq-cai","apiHost":"::"}')),
    ).toThrow(/apiHost/);
    expect(() =>
      readPageConfig(docWith('{"canisterId":"rdmx6-jaaaa-aaaaa-aaadq-cai","fetchRootKey":"yes"}')),
    ).toThrow(ConfigError);
  });
});
