/**
 * Canister-signature public keys (IC interface specification, "Canister signatures"):
 *   SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.56387.1.2 }, BIT STRING (0 unused bits) }
 * whose BIT STRING payload is |canister id| · canister id · seed. For II (10-byte id, 32-byte seed)
 * every length fits DER's short form, so the DER is a fixed 19-byte prefix followed by the payload
 * (62 bytes in all). The user principal is the self-authenticating id of that DER.
 */
import { bytesEqual, concatBytes } from '../bytes.js';
import { selfAuthenticatingPrincipal } from '../principal.js';
import { DelegationError } from './errors.js';

/** AlgorithmIdentifier SEQUENCE holding only the OID (no parameters): 14 bytes. */
export const CANISTER_SIG_ALGORITHM = Uint8Array.from([
  0x30, 0x0c, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xb8, 0x43, 0x01, 0x02,
]);
/** Bytes before the raw `len ‖ id ‖ seed` when lengths are short-form (II's constant). */
export const CANISTER_SIG_PK_DER_PREFIX_LENGTH = 19;
const MAX_PRINCIPAL_LENGTH = 29;

/** DER length octets: short form below 128, else 0x8n followed by n big-endian bytes. */
function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, value: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(tag), derLength(value.length), value]);
}

/** The DER public key of the canister `canisterId` (raw principal bytes) for `seed`. */
export function canisterSigPublicKeyDer(canisterId: Uint8Array, seed: Uint8Array): Uint8Array {
  if (canisterId.length > MAX_PRINCIPAL_LENGTH)
    throw new DelegationError('II_ERR_DELEGATION_CANISTER_ID_LENGTH', `got ${canisterId.length}`);
  const bits = concatBytes([Uint8Array.of(canisterId.length), canisterId, seed]);
  const bitString = tlv(0x03, concatBytes([Uint8Array.of(0), bits]));
  return tlv(0x30, concatBytes([CANISTER_SIG_ALGORITHM, bitString]));
}

/**
 * The inverse, for keys this module writes: {canisterId, seed}, or undefined when `der` is not a
 * canister-signature key in canonical form (re-encoding must give the same bytes).
 */
export function parseCanisterSigPublicKeyDer(
  der: Uint8Array,
): { canisterId: Uint8Array; seed: Uint8Array } | undefined {
  // Locate the payload by re-deriving the header for this total length, then check by re-encoding.
  if (der.length < CANISTER_SIG_PK_DER_PREFIX_LENGTH + 1 || der[0] !== 0x30) return undefined;
  const headerLength = der.length - payloadLengthFor(der.length);
  const idLength = der[headerLength];
  if (idLength === undefined || idLength > MAX_PRINCIPAL_LENGTH) return undefined;
  const canisterId = der.slice(headerLength + 1, headerLength + 1 + idLength);
  if (canisterId.length !== idLength) return undefined;
  const seed = der.slice(headerLength + 1 + idLength);
  return bytesEqual(canisterSigPublicKeyDer(canisterId, seed), der)
    ? { canisterId, seed }
    : undefined;
}

/** Payload (len ‖ id ‖ seed) length of a canonical key of `total` bytes. */
function payloadLengthFor(total: number): number {
  // total = 1 + |len(outer)| + 14 + 1 + |len(bits)| + 1 + payload; each length takes 1..5 octets,
  // so the header is 19..27 bytes: try those few sizes.
  const longest = total - CANISTER_SIG_PK_DER_PREFIX_LENGTH;
  for (let payload = longest; payload > 0 && payload >= longest - 8; payload--) {
    const bitsLen = 1 + payload;
    const outerLen = CANISTER_SIG_ALGORITHM.length + 1 + derLength(bitsLen).length + bitsLen;
    if (1 + derLength(outerLen).length + outerLen === total) return payload;
  }
  return 0;
}

/** The user principal (bytes) of `seed` at `canisterId`: wrap with Principal.fromUint8Array. */
export function userPrincipal(canisterId: Uint8Array, seed: Uint8Array): Uint8Array {
  return selfAuthenticatingPrincipal(canisterSigPublicKeyDer(canisterId, seed));
}
