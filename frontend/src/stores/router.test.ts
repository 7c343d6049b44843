import { describe, expect, it } from 'vitest';
import { hashFor, parseRoute, type Route } from './router.js';

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
