import { describe, expect, it } from 'vitest';
import { remapToLegacyDomain } from './frontend-origin.js';

describe('remapToLegacyDomain', () => {
  it('rewrites canister origins on icp0.io to ic0.app, raw included', () => {
    expect(remapToLegacyDomain('https://2vxsx-fae.icp0.io')).toBe('https://2vxsx-fae.ic0.app');
    expect(remapToLegacyDomain('https://2vxsx-fae.raw.icp0.io')).toBe(
      'https://2vxsx-fae.raw.ic0.app',
    );
  });
  it('leaves everything else alone', () => {
    for (const o of [
      'https://2vxsx-fae.ic0.app',
      'https://icp0.io',
      'http://2vxsx-fae.icp0.io',
      'https://2vxsx-fae.icp0.io:8443',
      'https://a.b.icp0.io',
      'https://example.com',
      'https://2vxsx-fae.icp0.io.evil.com',
    ])
      expect(remapToLegacyDomain(o)).toBe(o);
  });
});
