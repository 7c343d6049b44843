/**
 * Request authentication in the replica's order (rs/validator ingress_validation): read_state path
 * limits, ingress expiry (not for anonymous query/read_state, as mainnet), nonce size, sender vs key,
 * delegation chain, request signature, delegation targets.
 */
import { Principal } from '@dfinity/principal';
import { bytesEqual, concatBytes, toHex, utf8 } from '../bytes.js';
import { keyOrReject, validateDelegations, verifyOrReject } from './delegation-chain.js';
import { checkEnvelope } from './envelope-shape.js';
import { AuthError, describe } from './errors.js';
import { checkIngressExpiry } from './ingress-expiry.js';
import { requestId } from './request-id.js';
import type { AuthOptions, AuthResult } from './types.js';

export const MAXIMUM_NUMBER_OF_BYTES_IN_NONCE = 32;
export const MAXIMUM_NUMBER_OF_PATHS = 1000;
export const MAXIMUM_NUMBER_OF_LABELS_PER_PATH = 127;
const REQUEST_SEPARATOR = concatBytes(new Uint8Array([0x0a]), utf8('ic-request'));
const ANONYMOUS = new Uint8Array([0x04]);

const text = (p: Uint8Array) => Principal.fromUint8Array(p).toText();

/** Never throws: every failure, including malformed input, is an `{ ok: false }` result. */
export async function authenticate(envelope: unknown, opts: AuthOptions): Promise<AuthResult> {
  try {
    return await check(envelope, opts);
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, status: e.status, message: e.message };
    return { ok: false, status: 400, message: `Malformed request: ${describe(e)}` };
  }
}

async function check(raw: unknown, opts: AuthOptions): Promise<AuthResult> {
  const envelope = checkEnvelope(raw);
  const { content } = envelope;
  const rid = requestId(content);
  const anonymous = bytesEqual(content.sender, ANONYMOUS);
  const type = content.request_type;

  if (type === 'read_state' && content.paths) {
    if (content.paths.length > MAXIMUM_NUMBER_OF_PATHS) {
      throw new AuthError(
        `Too many paths in read state request: got ${content.paths.length} paths, but at most ${MAXIMUM_NUMBER_OF_PATHS} are allowed.`,
      );
    }
    const deep = content.paths.find((p) => p.length > MAXIMUM_NUMBER_OF_LABELS_PER_PATH);
    if (deep) {
      throw new AuthError(
        `At least one path in read state request is too deep: got ${deep.length} labels, but at most ${MAXIMUM_NUMBER_OF_LABELS_PER_PATH} are allowed.`,
      );
    }
  }
  // Mainnet skips the expiry check for anonymous queries and read_state (the spec allows it) so
  // that agents can sync their clock; updates are always checked.
  if (type === 'call' || !anonymous) {
    const err = checkIngressExpiry(BigInt(content.ingress_expiry), opts.now);
    if (err) throw new AuthError(err);
  }
  if (content.nonce && content.nonce.length > MAXIMUM_NUMBER_OF_BYTES_IN_NONCE) {
    throw new AuthError(
      `Nonce in request is too big: got ${content.nonce.length} bytes, but at most ${MAXIMUM_NUMBER_OF_BYTES_IN_NONCE} are allowed.`,
    );
  }

  const { sender_pubkey: pubkey, sender_sig: sig, sender_delegation: chain } = envelope;
  if (pubkey === undefined && sig === undefined && chain === undefined) {
    if (anonymous) return { ok: true, sender: Principal.anonymous(), requestId: rid };
    throw new AuthError(`Missing signature from user: ${text(content.sender)}`);
  }
  if (anonymous) throw new AuthError('Signature is not allowed for the anonymous user.');
  if (pubkey === undefined || sig === undefined) {
    throw new AuthError(
      'Malformed request: sender_pubkey and sender_sig must both be present for a non-anonymous sender',
    );
  }
  if (!bytesEqual(Principal.selfAuthenticating(pubkey).toUint8Array(), content.sender)) {
    throw new AuthError(
      `The user id '${text(content.sender)}' does not match the public key '${toHex(pubkey)}'`,
    );
  }

  const ctx = { rootKey: opts.rootKey };
  const { signingKey, targets } = await validateDelegations(pubkey, chain ?? [], opts.now, ctx);
  const verifier = keyOrReject(signingKey, ctx, 'Invalid signature');
  await verifyOrReject(verifier, concatBytes(REQUEST_SEPARATOR, rid), sig, 'Invalid signature');

  const target = type === 'read_state' ? opts.effectiveCanisterId : content.canister_id;
  if (
    targets !== undefined &&
    target !== undefined &&
    !targets.some((t) => bytesEqual(t, target))
  ) {
    throw new AuthError(`Canister '${text(target)}' is not one of the delegation targets.`);
  }
  return { ok: true, sender: Principal.fromUint8Array(content.sender), requestId: rid, targets };
}
