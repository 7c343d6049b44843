import { decode } from '@dfinity/cbor';
import type { Envelope, RequestContent } from '../../auth/index.js';
import { LocalnetError } from '../../errors.js';

/** A request body that is not a valid envelope: answered 400 with this text, as the IC does. */
export class EnvelopeError extends LocalnetError {
  declare readonly code: 'II_ERR_HTTP_ENVELOPE';

  constructor(message: string) {
    super('II_ERR_HTTP_ENVELOPE', message);
    this.name = 'EnvelopeError';
  }
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isBytes(v);

function toBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  return undefined;
}

/**
 * Decodes and shape-checks a CBOR envelope for the given endpoint. Field types are checked here so
 * that later stages never see a malformed value.
 */
export function parseEnvelope(body: unknown, kind: 'call' | 'query' | 'read_state'): Envelope {
  if (!isBytes(body) || body.length === 0)
    throw new EnvelopeError(`Could not parse body as ${kind} message: empty body`);
  let value: unknown;
  try {
    value = decode(body);
  } catch (error) {
    throw new EnvelopeError(
      `Could not parse body as ${kind} message: invalid CBOR: ${(error as Error).message}`,
    );
  }
  if (!isMap(value) || !isMap(value.content)) {
    throw new EnvelopeError(
      `Could not parse body as ${kind} message: expected a map with a "content" map`,
    );
  }
  const c = value.content;
  const fail = (what: string) =>
    new EnvelopeError(`Could not parse body as ${kind} message: ${what}`);
  if (c.request_type !== kind)
    throw fail(`request_type must be "${kind}", got ${JSON.stringify(c.request_type)}`);
  if (!isBytes(c.sender)) throw fail('sender must be a blob');
  if (c.sender.length > 29) throw fail('sender is longer than 29 bytes');
  const expiry = toBigInt(c.ingress_expiry);
  if (expiry === undefined) throw fail('ingress_expiry must be a nat64');
  if (c.nonce !== undefined && !isBytes(c.nonce)) throw fail('nonce must be a blob');
  if (c.nonce !== undefined && (c.nonce as Uint8Array).length > 32)
    throw fail('nonce is longer than 32 bytes');
  if (kind === 'read_state') {
    if (!Array.isArray(c.paths) || !c.paths.every((p) => Array.isArray(p) && p.every(isBytes))) {
      throw fail('paths must be a list of lists of blobs');
    }
  } else {
    if (!isBytes(c.canister_id)) throw fail('canister_id must be a blob');
    if (typeof c.method_name !== 'string') throw fail('method_name must be text');
    if (!isBytes(c.arg)) throw fail('arg must be a blob');
  }
  const content = { ...c, ingress_expiry: expiry } as unknown as RequestContent;
  const envelope: Envelope = { content };
  if (value.sender_pubkey !== undefined) {
    if (!isBytes(value.sender_pubkey)) throw fail('sender_pubkey must be a blob');
    envelope.sender_pubkey = value.sender_pubkey;
  }
  if (value.sender_sig !== undefined) {
    if (!isBytes(value.sender_sig)) throw fail('sender_sig must be a blob');
    envelope.sender_sig = value.sender_sig;
  }
  if (value.sender_delegation !== undefined) {
    const chain = value.sender_delegation;
    if (!Array.isArray(chain)) throw fail('sender_delegation must be a list');
    envelope.sender_delegation = chain.map((link) => {
      if (!isMap(link) || !isMap(link.delegation) || !isBytes(link.signature))
        throw fail('malformed delegation');
      const d = link.delegation;
      const exp = toBigInt(d.expiration);
      if (!isBytes(d.pubkey) || exp === undefined) throw fail('malformed delegation');
      if (d.targets !== undefined && (!Array.isArray(d.targets) || !d.targets.every(isBytes)))
        throw fail('malformed delegation targets');
      return {
        delegation: {
          pubkey: d.pubkey,
          expiration: exp,
          ...(d.targets !== undefined ? { targets: d.targets as Uint8Array[] } : {}),
        },
        signature: link.signature,
      };
    });
  }
  return envelope;
}
