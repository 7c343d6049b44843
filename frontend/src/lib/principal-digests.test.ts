import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './fake-storage.test-support.js';
import {
  DIGEST_KEY_KEY,
  DIGESTS_KEY,
  MAX_ANCHORS,
  MAX_DIGESTS_PER_ANCHOR,
  PrincipalDigests,
} from './principal-digests.js';

const P1 = 'hf7wk-a35mp-kxpcc-gnasy-5orsg-hn3jk-hfk3w-w3lw4-zidqw-6iivy-5ae';
const P2 = '2vxsx-fae';
const DAPP = 'https://dapp.com';

function clock() {
  let t = 1_000;
  return () => ++t;
}

describe('PrincipalDigests', () => {
  it('finds the anchor that used a principal at an origin, and nothing else', () => {
    const d = new PrincipalDigests(new MemoryStorage(), clock());
    expect(d.findAnchorFor(DAPP, P1)).toBeUndefined();
    d.remember(10_000n, DAPP, P1);
    d.remember(10_001n, DAPP, P2);
    expect(d.findAnchorFor(DAPP, P1)).toBe(10_000n);
    expect(d.findAnchorFor(DAPP, P2)).toBe(10_001n);
    expect(d.findAnchorFor('https://other.com', P1)).toBeUndefined();
    d.forgetAnchor(10_000n);
    expect(d.findAnchorFor(DAPP, P1)).toBeUndefined();
  });

  it('stores no raw principal or origin, and a new browser key finds nothing', () => {
    const mem = new MemoryStorage();
    new PrincipalDigests(mem, clock()).remember(10_000n, DAPP, P1);
    const stored = [...mem.data.values()].join(' ');
    expect(stored).not.toContain(P1);
    expect(stored).not.toContain('dapp.com');
    expect(mem.getItem(DIGEST_KEY_KEY)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // Same digests, another key: nothing matches (the digest depends on the per-browser key).
    const other = new MemoryStorage();
    other.setItem(DIGESTS_KEY, mem.getItem(DIGESTS_KEY)!);
    new PrincipalDigests(other, clock()).remember(1n, 'https://x.com', P2); // creates a new key
    expect(new PrincipalDigests(other).findAnchorFor(DAPP, P1)).toBeUndefined();
  });

  it('prefers the most recent anchor and caps what it keeps', () => {
    const now = clock();
    const d = new PrincipalDigests(new MemoryStorage(), now);
    d.remember(1n, DAPP, P1);
    d.remember(2n, DAPP, P1);
    expect(d.findAnchorFor(DAPP, P1)).toBe(2n);
    d.remember(1n, DAPP, P1);
    expect(d.findAnchorFor(DAPP, P1)).toBe(1n);
    for (let i = 0; i <= MAX_DIGESTS_PER_ANCHOR; i++) d.remember(1n, `https://d${i}.com`, P2);
    expect(d.findAnchorFor(DAPP, P1)).toBe(2n); // anchor 1's oldest digest was dropped
    for (let a = 100n; a < 100n + BigInt(MAX_ANCHORS); a++) d.remember(a, 'https://z.com', P2);
    expect(d.findAnchorFor(DAPP, P1)).toBeUndefined(); // anchors 1 and 2 were evicted
  });

  it('tolerates corrupt or missing storage', () => {
    const mem = new MemoryStorage();
    mem.setItem(DIGESTS_KEY, '[1,2');
    mem.setItem(DIGEST_KEY_KEY, '!!');
    const d = new PrincipalDigests(mem, clock());
    expect(d.findAnchorFor(DAPP, P1)).toBeUndefined();
    d.remember(7n, DAPP, P1);
    expect(d.findAnchorFor(DAPP, P1)).toBe(7n);
    mem.setItem(
      DIGESTS_KEY,
      JSON.stringify({ 7: { lastUsed: 'x' }, 8: null, x: { lastUsed: 1, principals: [{}] } }),
    );
    expect(d.findAnchorFor(DAPP, P1)).toBeUndefined();
    const none = new PrincipalDigests(null);
    none.remember(1n, DAPP, P1);
    expect(none.findAnchorFor(DAPP, P1)).toBeUndefined();
  });
});
