import { hashOfMap, requestIdOf } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { representationIndependentHash } from './representation-independent-hash.js';
import { hex } from './test-support.js';

describe('representationIndependentHash', () => {
  it('matches the request id example of the interface specification', () => {
    const id = representationIndependentHash({
      request_type: 'call',
      canister_id: Buffer.from('00000000000004D2', 'hex'),
      method_name: 'hello',
      arg: Buffer.from('4449444c00fd2a', 'hex'),
    });
    expect(hex(id)).toBe('8781291c347db32a9d8c10eb62b710fce5a93be676474c42babc74c51858f94b');
  });

  it('agrees with the agent on nested maps, arrays, naturals and optional fields', () => {
    const content = {
      request_type: 'query',
      canister_id: Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai').toUint8Array(),
      sender: Principal.anonymous().toUint8Array(),
      ingress_expiry: 1_700_000_000_000_000_000n,
      nonce: undefined,
      paths: [[new Uint8Array([1]), new Uint8Array([2, 3])]],
      reply: { arg: new Uint8Array([9]) },
      reject_code: 5,
    };
    expect(hex(representationIndependentHash(content))).toBe(hex(hashOfMap(content)));
    expect(hex(representationIndependentHash(content))).toBe(hex(requestIdOf(content)));
    expect(hex(representationIndependentHash({ ...content, reject_code: 6 }))).not.toBe(
      hex(hashOfMap(content)),
    );
  });
});
