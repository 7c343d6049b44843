/**
 * COSE public keys (RFC 8152 §13) as WebAuthn authenticators produce them: a CBOR map with
 * integer keys, which @dfinity/cbor cannot decode (it only allows text map keys). This reads
 * exactly that shape: a definite-length map of int → int | bytes | text.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { SignatureError } from './errors.js';

export const COSE_ALG_ES256 = -7;
export const COSE_ALG_RS256 = -257;

type CoseValue = number | Uint8Array | string;

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  head(): { major: number; arg: number } {
    if (this.pos >= this.buf.length) throw new SignatureError('COSE key: truncated');
    const b = this.buf[this.pos++];
    const major = b >> 5;
    const info = b & 0x1f;
    if (info < 24) return { major, arg: info };
    const n = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
    if (n === 0) throw new SignatureError('COSE key: unsupported CBOR length');
    if (this.pos + n > this.buf.length) throw new SignatureError('COSE key: truncated');
    let arg = 0;
    for (let i = 0; i < n; i++) arg = arg * 256 + this.buf[this.pos++];
    return { major, arg };
  }
  int(h: { major: number; arg: number }): number {
    if (h.major === 0) return h.arg;
    if (h.major === 1) return -1 - h.arg;
    throw new SignatureError('COSE key: expected an integer label');
  }
  value(): CoseValue {
    const h = this.head();
    if (h.major <= 1) return this.int(h);
    if (h.major === 2 || h.major === 3) {
      if (this.pos + h.arg > this.buf.length) throw new SignatureError('COSE key: truncated');
      const bytes = this.buf.subarray(this.pos, this.pos + h.arg);
      this.pos += h.arg;
      return h.major === 2 ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    throw new SignatureError('COSE key: unsupported value type');
  }
}

export function decodeCoseMap(bytes: Uint8Array): Map<number, CoseValue> {
  const r = new Reader(bytes);
  const h = r.head();
  if (h.major !== 5) throw new SignatureError('COSE key: expected a map');
  const map = new Map<number, CoseValue>();
  for (let i = 0; i < h.arg; i++) {
    const label = r.int(r.head());
    if (map.has(label)) throw new SignatureError('COSE key: duplicate label');
    map.set(label, r.value());
  }
  if (r.pos !== bytes.length) throw new SignatureError('COSE key: trailing bytes');
  return map;
}

function bytesAt(map: Map<number, CoseValue>, label: number, len?: number): Uint8Array {
  const v = map.get(label);
  if (!(v instanceof Uint8Array) || (len !== undefined && v.length !== len)) {
    throw new SignatureError(`COSE key: bad parameter ${label}`);
  }
  return v;
}

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

export interface CoseKey {
  alg: typeof COSE_ALG_ES256 | typeof COSE_ALG_RS256;
  key: KeyObject;
}

/** EC2/P-256 with ES256, or RSA with RS256: the two algorithms the IC allows for WebAuthn. */
export function parseCoseKey(bytes: Uint8Array): CoseKey {
  const map = decodeCoseMap(bytes);
  const kty = map.get(1);
  const alg = map.get(3);
  try {
    if (kty === 2 && alg === COSE_ALG_ES256) {
      if (map.get(-1) !== 1) throw new SignatureError('COSE key: curve must be P-256');
      const jwk = {
        kty: 'EC',
        crv: 'P-256',
        x: b64url(bytesAt(map, -2, 32)),
        y: b64url(bytesAt(map, -3, 32)),
      };
      return { alg, key: createPublicKey({ key: jwk, format: 'jwk' }) };
    }
    if (kty === 3 && alg === COSE_ALG_RS256) {
      const jwk = { kty: 'RSA', n: b64url(bytesAt(map, -1)), e: b64url(bytesAt(map, -2)) };
      return { alg, key: createPublicKey({ key: jwk, format: 'jwk' }) };
    }
  } catch (e) {
    if (e instanceof SignatureError) throw e;
    throw new SignatureError('COSE key: not a valid public key');
  }
  throw new SignatureError(
    `COSE key: unsupported key type ${String(kty)} / algorithm ${String(alg)}`,
  );
}
