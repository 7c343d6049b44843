/** Envelopes built the way @dfinity/agent builds and signs them, then CBOR round-tripped. */
import { Cbor, Expiry, type Identity } from '@dfinity/agent';
import { decode } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';

export const CANISTER = Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai');
export const nowNs = () => BigInt(Date.now()) * 1_000_000n;

export interface CallOptions {
  canisterId?: Principal;
  requestType?: 'call' | 'query';
  expiryMs?: number;
  sender?: Principal;
  nonce?: Uint8Array;
}

/** Signs a call like HttpAgent.call does, encodes it to CBOR and decodes it as the HTTP layer will. */
export async function signedEnvelope(
  identity: Identity,
  o: CallOptions = {},
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {
    request_type: o.requestType ?? 'call',
    canister_id: o.canisterId ?? CANISTER,
    method_name: 'greet',
    arg: new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]),
    sender: o.sender ?? identity.getPrincipal(),
    ingress_expiry: Expiry.fromDeltaInMilliseconds(o.expiryMs ?? 4 * 60_000),
  };
  if (o.nonce) body.nonce = o.nonce;
  const transformed = (await identity.transformRequest({
    endpoint: 'call',
    request: {},
    body,
  } as never)) as { body: unknown };
  return decode(Cbor.encode(transformed.body)) as Record<string, unknown>;
}
