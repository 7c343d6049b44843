import { Ed25519PublicKey, hashOfMap, IC_RESPONSE_DOMAIN_SEPARATOR } from '@dfinity/agent';
import { ed25519 } from '@noble/curves/ed25519';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { CertificationError } from './errors.js';
import { NodeKey } from './node-key.js';
import {
  queryResponseHash,
  signQueryResponse,
  verifyQueryResponseSignature,
  type NodeSignature,
  type QueryResponse,
} from './query-signature.js';
import { nowNanos, requestId } from './test-support.js';

/** The agent's check, step by step as agent/http/index.js does it (that function is private). */
function agentAccepts(
  response: QueryResponse,
  rid: Uint8Array,
  sig: NodeSignature,
  keyDer: Uint8Array,
): boolean {
  const hash =
    response.status === 'replied'
      ? hashOfMap({
          status: response.status,
          reply: response.reply,
          timestamp: BigInt(sig.timestamp),
          request_id: rid,
        })
      : hashOfMap({
          status: response.status,
          reject_code: response.reject_code,
          reject_message: response.reject_message,
          error_code: response.error_code,
          timestamp: BigInt(sig.timestamp),
          request_id: rid,
        });
  const message = new Uint8Array([...IC_RESPONSE_DOMAIN_SEPARATOR, ...hash]);
  return ed25519.verify(sig.signature, message, Ed25519PublicKey.fromDer(keyDer).rawKey);
}

describe('query signatures', () => {
  const node = NodeKey.fromSeed(new Uint8Array(32).fill(4));
  const replied: QueryResponse = {
    status: 'replied',
    reply: { arg: new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0, 0]) },
  };
  const rejected: QueryResponse = {
    status: 'rejected',
    reject_code: 5,
    reject_message: 'trapped',
    error_code: 'IC0503',
  };

  it('signs replies and rejections the way the agent verifies them', () => {
    for (const response of [replied, rejected, { ...rejected, error_code: undefined }]) {
      const rid = requestId();
      const sig = signQueryResponse(node, response, rid, nowNanos());
      expect(Principal.fromUint8Array(sig.identity).toText()).toBe(node.nodeId.toText());
      expect(agentAccepts(response, rid, sig, node.publicKeyDer)).toBe(true);
      expect(verifyQueryResponseSignature(node.publicKeyDer, response, rid, sig)).toBe(true);
    }
  });

  it('is rejected when the reply, request id, timestamp or key differ', () => {
    const rid = requestId();
    const sig = signQueryResponse(node, replied, rid, nowNanos());
    const otherReply: QueryResponse = { status: 'replied', reply: { arg: new Uint8Array([1]) } };
    expect(agentAccepts(otherReply, rid, sig, node.publicKeyDer)).toBe(false);
    expect(agentAccepts(replied, requestId(), sig, node.publicKeyDer)).toBe(false);
    expect(
      agentAccepts(replied, rid, { ...sig, timestamp: sig.timestamp + 1n }, node.publicKeyDer),
    ).toBe(false);
    const other = NodeKey.fromSeed(new Uint8Array(32).fill(8));
    expect(agentAccepts(replied, rid, sig, other.publicKeyDer)).toBe(false);
    expect(verifyQueryResponseSignature(other.publicKeyDer, replied, rid, sig)).toBe(false);
    const rsig = signQueryResponse(node, rejected, rid, sig.timestamp);
    expect(
      agentAccepts({ ...rejected, reject_message: 'other' }, rid, rsig, node.publicKeyDer),
    ).toBe(false);
  });

  it('refuses responses it cannot hash', () => {
    const bad = { status: 'rejected', reject_code: -1, reject_message: '' } as QueryResponse;
    expect(() => queryResponseHash(bad, requestId(), 1n)).toThrow(CertificationError);
    const unknown = { status: 'processing' } as unknown as QueryResponse;
    expect(() => queryResponseHash(unknown, requestId(), 1n)).toThrow(CertificationError);
  });
});
