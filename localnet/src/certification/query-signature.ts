/**
 * Node signatures on query responses ("Query call" in the interface specification): Ed25519 over
 * "\x0Bic-response" ‖ representation-independent hash of the response with `timestamp` and
 * `request_id` added. @dfinity/agent checks these by default, for replies and rejections alike.
 */
import { CertificationError } from './errors.js';
import { domainSeparator } from './hash-tree.js';
import { ed25519Verify, type NodeKey } from './node-key.js';
import { representationIndependentHash, type RihMap } from './representation-independent-hash.js';

export const RESPONSE_DOMAIN_SEPARATOR = domainSeparator('ic-response');

export type QueryResponse =
  | { status: 'replied'; reply: { arg: Uint8Array } }
  | { status: 'rejected'; reject_code: number; reject_message: string; error_code?: string };

/** One entry of the response's `signatures` array (CBOR: timestamp uint, signature and identity bytes). */
export interface NodeSignature {
  /** Nanoseconds since the epoch. */
  timestamp: bigint;
  signature: Uint8Array;
  /** The node id's bytes. */
  identity: Uint8Array;
}

/** The hash that is signed; only the fields the specification lists are included. */
export function queryResponseHash(
  response: QueryResponse,
  requestId: Uint8Array,
  timestamp: bigint,
): Uint8Array {
  let fields: RihMap;
  if (response.status === 'replied') {
    fields = { status: 'replied', reply: { arg: response.reply.arg } };
  } else if (response.status === 'rejected') {
    if (!Number.isInteger(response.reject_code) || response.reject_code < 0) {
      throw new CertificationError(
        'II_ERR_CERT_BAD_QUERY_RESPONSE',
        `reject_code ${response.reject_code}`,
      );
    }
    fields = {
      status: 'rejected',
      reject_code: response.reject_code,
      reject_message: response.reject_message,
      error_code: response.error_code,
    };
  } else {
    throw new CertificationError(
      'II_ERR_CERT_BAD_QUERY_RESPONSE',
      `status ${(response as { status: unknown }).status}`,
    );
  }
  return representationIndependentHash({ ...fields, timestamp, request_id: requestId });
}

export function signQueryResponse(
  node: NodeKey,
  response: QueryResponse,
  requestId: Uint8Array,
  timestamp: bigint,
): NodeSignature {
  const hash = queryResponseHash(response, requestId, timestamp);
  return {
    timestamp,
    signature: node.sign(Buffer.concat([RESPONSE_DOMAIN_SEPARATOR, hash])),
    identity: node.nodeId.toUint8Array(),
  };
}

/** signQueryResponse with the Ed25519 signature computed off the event loop. */
export async function signQueryResponseAsync(
  node: NodeKey,
  response: QueryResponse,
  requestId: Uint8Array,
  timestamp: bigint,
): Promise<NodeSignature> {
  const hash = queryResponseHash(response, requestId, timestamp);
  return {
    timestamp,
    signature: await node.signAsync(Buffer.concat([RESPONSE_DOMAIN_SEPARATOR, hash])),
    identity: node.nodeId.toUint8Array(),
  };
}

/** Checks a node signature against the node's SPKI DER key (the counterpart, for tests and tools). */
export function verifyQueryResponseSignature(
  publicKeyDer: Uint8Array,
  response: QueryResponse,
  requestId: Uint8Array,
  sig: NodeSignature,
): boolean {
  const hash = queryResponseHash(response, requestId, sig.timestamp);
  return ed25519Verify(
    publicKeyDer,
    Buffer.concat([RESPONSE_DOMAIN_SEPARATOR, hash]),
    sig.signature,
  );
}
