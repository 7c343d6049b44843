import { describe, expect, it } from 'vitest';
import { hashFor, parseRoute, routeOf, type Route } from './router.js';

describe('parseRoute', () => {
  it('maps each route hash to its route and back', () => {
    const routes: Route[] = ['landing', 'manage', 'authorize', 'add-device', 'recover'];
    for (const r of routes) expect(parseRoute(hashFor(r))).toBe(r);
  });

  it('opens the authorize flow for exactly #authorize (what auth clients open)', () => {
    expect(parseRoute('#authorize')).toBe('authorize');
    expect(parseRoute('#/authorize')).toBe('authorize');
  });

  it('falls back to the landing page', () => {
    expect(parseRoute('')).toBe('landing');
    expect(parseRoute('#')).toBe('landing');
    expect(parseRoute('#/nope')).toBe('landing');
    expect(parseRoute('#/manage/')).toBe('manage');
  });
});

describe('routeOf', () => {
  it('serves /authorize as the authorize route whatever the fragment (ICRC-167 puts its request there)', () => {
    expect(routeOf({ pathname: '/authorize', hash: '' })).toBe('authorize');
    expect(routeOf({ pathname: '/authorize/', hash: '#message=%7B%7D&state=1' })).toBe('authorize');
    expect(routeOf({ pathname: '/', hash: '#authorize' })).toBe('authorize');
    expect(routeOf({ pathname: '/', hash: '#/manage' })).toBe('manage');
    expect(routeOf({ pathname: '/authorized', hash: '' })).toBe('landing');
  });
});
