import { describe, expect, it } from 'vitest';
import {
  ALTERNATIVE_ORIGINS_CONNECT_SRC,
  contentSecurityPolicy,
  htmlSecurityHeaders,
  PERMISSIONS_POLICY,
} from './security-headers.js';

const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe('Content-Security-Policy', () => {
  it('is strict by default and upgrades insecure requests', () => {
    const d = directives(contentSecurityPolicy());
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.has('upgrade-insecure-requests')).toBe(true);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('allows exactly the API host the page calls, plus what is asked for', () => {
    const d = directives(
      contentSecurityPolicy({
        apiHost: 'https://icp-api.io',
        extraConnectSrc: ALTERNATIVE_ORIGINS_CONNECT_SRC,
        extraScriptSrc: ["'wasm-unsafe-eval'"],
        insecureRequests: true,
      }),
    );
    expect(d.get('connect-src')).toEqual([
      "'self'",
      'https://icp-api.io',
      'https://*.icp0.io',
      'https://*.ic0.app',
    ]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
  });
});

describe('security headers', () => {
  it('carries the II set on HTML', () => {
    const h = new Map(htmlSecurityHeaders().map(([k, v]) => [k.toLowerCase(), v]));
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('strict-transport-security')).toBe('max-age=31536000 ; includeSubDomains');
    expect(h.get('referrer-policy')).toBe('same-origin');
    expect(h.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(h.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
  });

  it('denies every permission except WebAuthn, clipboard-write and sync-xhr', () => {
    const entries = PERMISSIONS_POLICY.split(', ');
    expect(entries).toHaveLength(41);
    expect(entries).toContain('publickey-credentials-get=(self)');
    expect(entries).toContain('clipboard-write=(self)');
    expect(entries).toContain('camera=()');
    expect(entries.filter((e) => !e.endsWith('=()'))).toHaveLength(3);
  });
});
