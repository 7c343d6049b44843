/**
 * Runtime shape check of a decoded envelope: the HTTP layer decodes untrusted CBOR, so every
 * field authentication reads is checked here first and a bad one becomes a 400, never a throw.
 */
import { AuthError } from './errors.js';
import type { Envelope, SignedDelegation } from './types.js';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNat = (v: unknown) =>
  (typeof v === 'bigint' && v >= 0n) ||
  (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
const bad = (what: string) => new AuthError(`Malformed request: ${what}`);

function checkDelegation(sd: unknown, i: number): SignedDelegation {
  if (!isObj(sd) || !isObj(sd.delegation) || !(sd.signature instanceof Uint8Array)) {
    throw bad(`sender_delegation[${i}] must be {delegation, signature}`);
  }
  const d = sd.delegation;
  if (!(d.pubkey instanceof Uint8Array) || !isNat(d.expiration))
    throw bad(`sender_delegation[${i}].delegation needs pubkey and expiration`);
  if (d.targets !== undefined) {
    if (
      !Array.isArray(d.targets) ||
      !d.targets.every((t) => t instanceof Uint8Array && t.length <= 29)
    ) {
      throw new AuthError(
        'Invalid delegation: Delegation target error: targets must be an array of canister ids',
      );
    }
  }
  return sd as unknown as SignedDelegation;
}

export function checkEnvelope(e: unknown): Envelope {
  if (!isObj(e) || !isObj(e.content)) throw bad('the envelope must be a map with a content map');
  const c = e.content;
  if (typeof c.request_type !== 'string') throw bad('content.request_type must be text');
  if (!(c.sender instanceof Uint8Array) || c.sender.length > 29)
    throw bad('content.sender must be a principal');
  if (!isNat(c.ingress_expiry)) throw bad('content.ingress_expiry must be a natural number');
  if (c.nonce !== undefined && !(c.nonce instanceof Uint8Array))
    throw bad('content.nonce must be a blob');
  if (
    c.canister_id !== undefined &&
    (!(c.canister_id instanceof Uint8Array) || c.canister_id.length > 29)
  ) {
    throw bad('content.canister_id must be a principal');
  }
  if ((c.request_type === 'call' || c.request_type === 'query') && c.canister_id === undefined) {
    throw bad(`a ${c.request_type} request needs content.canister_id`);
  }
  if (c.paths !== undefined) {
    if (
      !Array.isArray(c.paths) ||
      !c.paths.every((p) => Array.isArray(p) && p.every((l) => l instanceof Uint8Array))
    ) {
      throw bad('content.paths must be an array of arrays of blobs');
    }
  }
  for (const f of ['sender_pubkey', 'sender_sig'] as const) {
    if (e[f] !== undefined && !(e[f] instanceof Uint8Array)) throw bad(`${f} must be a blob`);
  }
  if (e.sender_delegation !== undefined) {
    if (!Array.isArray(e.sender_delegation)) throw bad('sender_delegation must be an array');
    e.sender_delegation.forEach(checkDelegation);
  }
  return e as unknown as Envelope;
}
