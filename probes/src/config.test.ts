import { II_HOSTNAMES } from '@ii/client';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERVALS, loadConfig, targetFromFlags } from './config.js';

describe('probe targets', () => {
  it('reads the local config npm start is probed with', () => {
    const config = loadConfig(new URL('../config/local.yaml', import.meta.url).pathname);
    const [production] = config.targets;
    expect(production).toMatchObject({
      name: 'production',
      // Every name II is served on, id.ai included, each mapped to localnet's HTTPS port.
      hostnames: [...II_HOSTNAMES],
      flows: ['page', 'login', 'api'],
      intervals: DEFAULT_INTERVALS,
    });
    for (const h of II_HOSTNAMES) expect(production!.resolve).toContain(`${h}:127.0.0.1:4944`);
    expect(production!.ca).toMatch(/\/\.localnet\/ca\.pem$/);
    expect(config.artifacts).toMatch(/\/\.probes\/artifacts$/);
  });

  it('adds the register flow only where the captcha is off, and keeps explicit flows', () => {
    const base = {
      name: 'x',
      canisterId: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
      hostnames: ['identity.ic0.app'],
      network: 'https://icp-api.io',
      dappUrl: 'https://example.org',
      dappCanisterId: 'rrkah-fqaaa-aaaaa-aaaaq-cai',
    };
    expect(targetFromFlags({ ...base, captcha: false }).flows).toContain('register');
    expect(targetFromFlags(base).flows).not.toContain('register');
    expect(targetFromFlags({ ...base, flows: ['api'] }).flows).toEqual(['api']);
  });

  it('refuses a hostname mapping that is not HOST:ADDRESS:PORT', () => {
    expect(() =>
      targetFromFlags({
        name: 'x',
        canisterId: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
        hostnames: ['identity.ic0.app'],
        network: 'https://icp-api.io',
        dappUrl: 'https://example.org',
        dappCanisterId: 'rrkah-fqaaa-aaaaa-aaaaq-cai',
        resolve: ['identity.ic0.app=127.0.0.1'],
      }),
    ).toThrow(/expected HOST:ADDRESS:PORT/);
  });
});
