import { describe, expect, it } from 'vitest';
import { requestId } from './index.js';

describe('requestId', () => {
  // The worked example of the IC interface specification ("Request ids").
  const content = {
    request_type: 'call',
    sender: new Uint8Array([0x04]),
    ingress_expiry: 1685570400000000000n,
    canister_id: new Uint8Array([0, 0, 0, 0, 0, 0, 0x04, 0xd2]),
    method_name: 'hello',
    arg: new Uint8Array(Buffer.from('DIDL\x00\xFD*', 'latin1')),
  };
  it('matches the spec example', () => {
    expect(Buffer.from(requestId(content)).toString('hex')).toBe(
      '1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101',
    );
  });
  it('hashes a small natural decoded as number like the same bigint', () => {
    expect(requestId({ ...content, ingress_expiry: 5 })).toEqual(
      requestId({ ...content, ingress_expiry: 5n }),
    );
  });
  it('hashes read_state paths (arrays of arrays of blobs) and changes with them', () => {
    const rs = {
      request_type: 'read_state',
      sender: new Uint8Array([4]),
      ingress_expiry: 1n,
      paths: [[new TextEncoder().encode('time')]],
    };
    expect(requestId(rs)).not.toEqual(requestId({ ...rs, paths: [] }));
  });
  it('rejects values without a representation-independent hash', () => {
    expect(() => requestId({ ...content, x: 1.5 } as never)).toThrow(
      /no representation-independent hash/,
    );
    expect(() => requestId({ ...content, x: null } as never)).toThrow();
  });
});
