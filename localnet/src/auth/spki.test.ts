import { Ed25519KeyIdentity } from '@dfinity/identity';
import { describe, expect, it } from 'vitest';
import { parseSpki } from './spki.js';

describe('parseSpki', () => {
  const der = new Uint8Array(Ed25519KeyIdentity.generate().getPublicKey().toDer());
  it('reads the algorithm and key of an Ed25519 key', () => {
    const s = parseSpki(der);
    expect(s).toMatchObject({ algorithm: '1.3.101.112', parameters: undefined });
    expect(s.key).toHaveLength(32);
  });
  it.each([
    ['trailing byte', () => new Uint8Array([...der, 0])],
    ['truncated', () => der.subarray(0, 20)],
    ['empty', () => new Uint8Array()],
    [
      'unused bits',
      () => {
        const c = new Uint8Array(der);
        c[11] = 1;
        return c;
      },
    ],
    [
      'not a sequence',
      () => {
        const c = new Uint8Array(der);
        c[0] = 0x31;
        return c;
      },
    ],
  ])('rejects %s', (_n, make) => {
    expect(() => parseSpki(make())).toThrow(/DER/);
  });
});
