import { Principal } from '@dfinity/principal';
import type { FastifyReply } from 'fastify';
import { type Envelope, authenticate } from '../../auth/index.js';
import { Clock } from '../../replica/clock.js';
import type { Replica } from '../../replica/replica.js';
import { EnvelopeError, parseEnvelope } from './envelope.js';

export interface Authenticated {
  envelope: Envelope;
  sender: Principal;
  requestId: Uint8Array;
  expiry: bigint;
}

/** Effective ids by URL text: a client sends the same few again and again, and parsing checks a CRC. */
const MAX_IDS = 1000;
const effectiveIds = new Map<string, Principal>();

/** Parses the effective canister id of an /api URL; undefined (and a 400 sent) when invalid. */
export function parseEffectiveId(text: string, reply: FastifyReply): Principal | undefined {
  const known = effectiveIds.get(text);
  if (known) return known;
  try {
    const id = Principal.fromText(text);
    if (effectiveIds.size >= MAX_IDS) effectiveIds.clear();
    effectiveIds.set(text, id);
    return id;
  } catch {
    void reply.code(400).type('text/plain').send(`Invalid effective canister id in URL: ${text}`);
    return undefined;
  }
}

/**
 * Envelope parsing, ingress expiry and signature checks shared by call, query and read_state.
 * Sends the IC's 400/403 answer itself and returns undefined when the request is refused.
 */
export async function authenticateRequest(
  replica: Replica,
  body: unknown,
  kind: 'call' | 'query' | 'read_state',
  effectiveCanisterId: Principal,
  reply: FastifyReply,
): Promise<Authenticated | undefined> {
  let envelope: Envelope;
  try {
    envelope = parseEnvelope(body, kind);
  } catch (error) {
    if (error instanceof EnvelopeError) {
      void reply.code(400).type('text/plain').send(error.message);
      return undefined;
    }
    throw error;
  }
  // Expiries are checked against the wall clock, which the certified `time` follows: moving the
  // canister clock forward in a test must not make every agent's ingress expiry look stale.
  const result = await authenticate(envelope, {
    now: Clock.wallNs(),
    effectiveCanisterId: effectiveCanisterId.toUint8Array(),
    rootKey: replica.state.rootKeyDer,
  });
  if (!result.ok) {
    void reply.code(result.status).type('text/plain').send(result.message);
    return undefined;
  }
  return {
    envelope,
    sender: result.sender,
    requestId: result.requestId,
    expiry: BigInt(envelope.content.ingress_expiry),
  };
}
