import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSha256 } from '../certification/test-support.js';
import { calculateSeed, FRONTEND_HOSTNAME_LIMIT, normalizeFrontendHostname } from './seed.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const SALT = new Uint8Array(32).map((_, i) => i * 7);

/** The spec formula written out independently, with node:crypto. */
function specSeed(salt: Uint8Array, anchor: bigint, host: string): Uint8Array {
  const a = utf8(anchor.toString());
  const h = utf8(host);
  return nodeSha256(
    new Uint8Array([salt.length]),
    salt,
    new Uint8Array([a.length]),
    a,
    new Uint8Array([h.length]),
    h,
  );
}

const seedOf = (anchor: bigint, host: string) => {
  const r = calculateSeed(SALT, anchor, host);
  if (!r.ok) throw r.error;
  return r.value;
};

describe('calculateSeed', () => {
  it('is SHA-256(|salt|·salt·|a|·a·|h|·h) with the anchor in ASCII decimal', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.string({ maxLength: 80 }).filter((h) => !h.includes('icp0.io')),
        (salt, anchor, host) => {
          const r = calculateSeed(salt, anchor, host);
          expect(r.ok && r.value).toEqual(specSeed(salt, anchor, host));
        },
      ),
    );
    expect(seedOf(10000n, 'https://app.example')).toEqual(
      specSeed(SALT, 10000n, 'https://app.example'),
    );
  });
  it('gives different seeds to different anchors, frontends and salts', () => {
    const base = seedOf(10000n, 'https://a.ic0.app');
    expect(seedOf(10001n, 'https://a.ic0.app')).not.toEqual(base);
    expect(seedOf(10000n, 'https://b.ic0.app')).not.toEqual(base);
    const other = calculateSeed(new Uint8Array(32), 10000n, 'https://a.ic0.app');
    expect(other.ok && other.value).not.toEqual(base);
    // Length prefixes keep boundaries apart: anchor 1 + host "2x" ≠ anchor 12 + host "x".
    expect(seedOf(1n, '2x')).not.toEqual(seedOf(12n, 'x'));
  });
  it('maps <canister id>(.raw).icp0.io to ic0.app, so both gateways give one principal', () => {
    expect(seedOf(7n, 'https://rdmx6-jaaaa-aaaaa-aaadq-cai.icp0.io')).toEqual(
      specSeed(SALT, 7n, 'https://rdmx6-jaaaa-aaaaa-aaadq-cai.ic0.app'),
    );
    expect(seedOf(7n, 'https://abc.raw.icp0.io')).toEqual(seedOf(7n, 'https://abc.raw.ic0.app'));
  });
  it('accepts 255 bytes of hostname and fails with a typed error at 256', () => {
    expect(calculateSeed(SALT, 1n, 'h'.repeat(FRONTEND_HOSTNAME_LIMIT)).ok).toBe(true);
    const r = calculateSeed(SALT, 1n, 'h'.repeat(254) + 'é'); // 256 bytes, 255 characters
    expect(r).toMatchObject({ ok: false, error: { code: 'II_ERR_DELEGATION_HOSTNAME_TOO_LONG' } });
  });
  it('throws on a salt that is not 32 bytes or a negative anchor (bugs, not inputs)', () => {
    expect(() => calculateSeed(new Uint8Array(31), 1n, 'x')).toThrow(
      expect.objectContaining({ code: 'II_ERR_DELEGATION_SALT_LENGTH' }),
    );
    expect(() => calculateSeed(SALT, -1n, 'x')).toThrow(
      expect.objectContaining({ code: 'II_ERR_DELEGATION_NEGATIVE_ANCHOR' }),
    );
  });
});

describe('normalizeFrontendHostname', () => {
  it('rewrites only https://<sub>(.raw)?.icp0.io exactly', () => {
    const cases: Array<[string, string]> = [
      [
        'https://rdmx6-jaaaa-aaaaa-aaadq-cai.icp0.io',
        'https://rdmx6-jaaaa-aaaaa-aaadq-cai.ic0.app',
      ],
      ['https://abc.raw.icp0.io', 'https://abc.raw.ic0.app'],
      ['https://ab_c.icp0.io', 'https://ab_c.ic0.app'],
      ['https://a.b.icp0.io', 'https://a.b.icp0.io'], // only `.raw` may precede
      ['http://abc.icp0.io', 'http://abc.icp0.io'],
      ['https://abc.icp0.io:443', 'https://abc.icp0.io:443'],
      ['https://abc.icp0.io/', 'https://abc.icp0.io/'],
      ['https://icp0.io', 'https://icp0.io'],
      ['https://abc.ic0.app', 'https://abc.ic0.app'],
      ['https://identity.internetcomputer.org', 'https://identity.internetcomputer.org'],
    ];
    for (const [input, out] of cases) expect(normalizeFrontendHostname(input)).toBe(out);
  });
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeFrontendHostname(s);
        expect(normalizeFrontendHostname(once)).toBe(once);
      }),
    );
  });
});
