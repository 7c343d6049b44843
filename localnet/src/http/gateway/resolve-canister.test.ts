import { describe, expect, it } from 'vitest';
import { parseHostname, resolveCanister } from './resolve-canister.js';

const ID = 'rdmx6-jaaaa-aaaaa-aaadq-cai';
const ok = (host: string | undefined, url = '/', aliases?: Record<string, string>) => {
  const r = resolveCanister(host, url, aliases);
  return r.ok
    ? { id: r.canisterId.toText(), verify: r.verify }
    : { status: r.status, reason: r.reason };
};

describe('resolveCanister', () => {
  it('reads <id>.localhost with or without a port, case-insensitively', () => {
    expect(ok(`${ID}.localhost:4943`)).toEqual({ id: ID, verify: true });
    expect(ok(`${ID.toUpperCase()}.LOCALHOST`)).toEqual({ id: ID, verify: true });
  });

  it('reads production-style hosts and the raw subdomain', () => {
    expect(ok(`${ID}.ic0.app`)).toEqual({ id: ID, verify: true });
    expect(ok(`${ID}.icp0.io`)).toEqual({ id: ID, verify: true });
    expect(ok(`${ID}.raw.icp0.io`)).toEqual({ id: ID, verify: false });
    expect(ok(`${ID}.raw.localhost:8080`)).toEqual({ id: ID, verify: false });
    expect(ok(`foo--${ID}.ic0.app`)).toEqual({ id: ID, verify: true });
  });

  it('uses aliases before anything else', () => {
    const aliases = { 'identity.ic0.app': ID, 'identity.localhost': ID };
    expect(ok('identity.ic0.app', '/', aliases)).toEqual({ id: ID, verify: true });
    expect(ok('identity.localhost:5000', '/', aliases)).toEqual({ id: ID, verify: true });
    expect(ok('identity.ic0.app', '/')).toEqual({ status: 400, reason: 'canister_id_not_found' });
  });

  it('falls back to ?canisterId= on any host', () => {
    expect(ok('127.0.0.1:4943', `/index.html?canisterId=${ID}`)).toEqual({ id: ID, verify: true });
    expect(ok('localhost', `/?a=1&canisterId=${ID}`)).toEqual({ id: ID, verify: true });
    expect(ok('localhost', '/?canisterId=not-a-principal')).toMatchObject({ status: 400 });
  });

  it('rejects missing, malformed and canister-less hosts with 400', () => {
    expect(ok(undefined)).toEqual({ status: 400, reason: 'no_authority' });
    expect(ok('bad host!')).toMatchObject({ status: 400, reason: expect.stringContaining('Host') });
    expect(ok('a..b')).toMatchObject({ status: 400 });
    expect(ok('localhost')).toEqual({ status: 400, reason: 'canister_id_not_found' });
    // A checksum-broken id is not a canister id.
    expect(ok('rdmx6-jaaaa-aaaaa-aaadq-caa.localhost')).toEqual({
      status: 400,
      reason: 'canister_id_not_found',
    });
  });

  it('parses hostnames', () => {
    expect(parseHostname('Example.COM.:443')).toBe('example.com');
    expect(parseHostname('[::1]:8080')).toBe('[::1]');
    expect(parseHostname('')).toBeNull();
  });
});
