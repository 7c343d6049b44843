import { hashOfMap } from '@dfinity/agent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { representationIndependentHash } from './representation-independent-hash.js';
import { asHex } from './test-support.js';

describe('representation-independent hash', () => {
  it('gives the interface spec example its published request id', () => {
    const id = representationIndependentHash({
      request_type: 'call',
      sender: new Uint8Array([0x04]),
      ingress_expiry: 1685570400000000000n,
      canister_id: new Uint8Array([0, 0, 0, 0, 0, 0, 0x04, 0xd2]),
      method_name: 'hello',
      arg: new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0xfd, 0x2a]),
    });
    expect(asHex(id)).toBe('1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101');
  });
  it('equals @dfinity/agent hashOfMap for blobs, text, nats and arrays; skips undefined', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 50 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.string(),
        fc.array(fc.uint8Array({ maxLength: 29 }), { maxLength: 4 }),
        (blob, nat, text, list) => {
          const ours = representationIndependentHash({ blob, nat, text, list, gone: undefined });
          expect(asHex(ours)).toBe(asHex(hashOfMap({ blob, nat, text, list })));
        },
      ),
    );
  });
});
