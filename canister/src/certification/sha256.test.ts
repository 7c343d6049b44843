import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashCallCount, sha224, sha256 } from './sha256.js';

describe('sha256 / sha224', () => {
  it('hash the concatenation of their parts, like node:crypto', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 4 }), (parts) => {
        const all = Buffer.concat(parts);
        expect(Buffer.from(sha256(...parts)).toString('hex')).toBe(
          createHash('sha256').update(all).digest('hex'),
        );
        expect(Buffer.from(sha224(all)).toString('hex')).toBe(
          createHash('sha224').update(all).digest('hex'),
        );
      }),
    );
  });
  it('count every call', () => {
    const before = hashCallCount();
    sha256(new Uint8Array(1), new Uint8Array(2));
    sha224(new Uint8Array(1));
    expect(hashCallCount() - before).toBe(2);
  });
});
