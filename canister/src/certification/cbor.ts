/**
 * A tiny CBOR encoder (RFC 8949) for what the canister emits: unsigned integers, byte strings,
 * text, arrays, maps with text keys (in insertion order: II's serde_cbor writes struct fields in
 * declaration order, e.g. `certificate` before `tree`), and tags. Definite lengths only, shortest
 * argument form, as the agent's decoder expects. `encodeSelfDescribed` adds tag 55799 on top,
 * which the agent requires on every CBOR value it reads.
 */
import { concatBytes, utf8 } from '../bytes.js';
import { CertificationError } from './errors.js';

export type CborValue =
  | number
  | bigint
  | string
  | Uint8Array
  | readonly CborValue[]
  | CborMap
  | CborTagged
  | CborPreEncoded;

/** A map with text keys, encoded in the object's key order. */
export interface CborMap {
  readonly [key: string]: CborValue;
}

export interface CborTagged {
  readonly tag: bigint | number;
  readonly value: CborValue;
}

const SELF_DESCRIBE_TAG = 55799;
const U64_MAX = (1n << 64n) - 1n;

// Marks tagged values so they are not mistaken for a map with keys "tag" and "value".
const TAGGED = Symbol('cbor-tagged');

export function tagged(tag: bigint | number, value: CborValue): CborTagged {
  return Object.freeze({ tag, value, [TAGGED]: true }) as CborTagged;
}

// Marks bytes that are already one encoded CBOR item, written out as they are.
const PRE_ENCODED = Symbol('cbor-pre-encoded');

/** A CBOR item encoded once (at install) and embedded as is in later encodings (per query). */
export interface CborPreEncoded {
  readonly [PRE_ENCODED]: Uint8Array;
}

/** Wraps the encoding of `v`, made now, for embedding in values encoded later. */
export function preEncoded(v: CborValue): CborPreEncoded {
  return Object.freeze({ [PRE_ENCODED]: encodeCbor(v) });
}

/** Major type `major` with argument `n` in its shortest form. */
function head(major: number, n: bigint | number): Uint8Array {
  // Lengths, labels and tags are small numbers: write them without BigInt, which is slow in the
  // canister's QuickJS (this runs for every item of every certificate tree a reply carries).
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff) {
    const m = major << 5;
    if (n < 24) return new Uint8Array([m | n]);
    if (n < 0x100) return new Uint8Array([m | 24, n]);
    if (n < 0x10000) return new Uint8Array([m | 25, n >>> 8, n & 0xff]);
    return new Uint8Array([m | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
  }
  const v = BigInt(n);
  if (v < 0n || v > U64_MAX) throw new CertificationError('II_ERR_CBOR_UNSUPPORTED', `${v}`);
  const m = major << 5;
  if (v < 24n) return new Uint8Array([m | Number(v)]);
  const bytes = v < 0x100n ? 1 : v < 0x10000n ? 2 : v < 0x100000000n ? 4 : 8;
  const out = new Uint8Array(1 + bytes);
  out[0] = m | (bytes === 1 ? 24 : bytes === 2 ? 25 : bytes === 4 ? 26 : 27);
  let rest = v;
  for (let i = bytes; i >= 1; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

function encodeInto(v: CborValue, out: Uint8Array[]): void {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new CertificationError('II_ERR_CBOR_UNSUPPORTED', `number ${v}`);
    out.push(head(0, v));
  } else if (typeof v === 'bigint') {
    out.push(head(0, v));
  } else if (typeof v === 'string') {
    const b = utf8(v);
    out.push(head(3, b.length), b);
  } else if (v instanceof Uint8Array) {
    out.push(head(2, v.length), v);
  } else if (Array.isArray(v)) {
    out.push(head(4, v.length));
    for (const x of v as readonly CborValue[]) encodeInto(x, out);
  } else if (typeof v === 'object' && v !== null && PRE_ENCODED in v) {
    out.push((v as CborPreEncoded)[PRE_ENCODED]);
  } else if (typeof v === 'object' && v !== null && TAGGED in v) {
    const t = v as CborTagged;
    out.push(head(6, t.tag));
    encodeInto(t.value, out);
  } else if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v as CborMap);
    out.push(head(5, entries.length));
    for (const [k, x] of entries) {
      encodeInto(k, out);
      encodeInto(x, out);
    }
  } else {
    throw new CertificationError('II_ERR_CBOR_UNSUPPORTED', typeof v);
  }
}

export function encodeCbor(v: CborValue): Uint8Array {
  const out: Uint8Array[] = [];
  encodeInto(v, out);
  return concatBytes(out);
}

/** `v` under the self-describe tag 55799 (bytes d9 d9 f7): how the IC and II emit CBOR. */
export function encodeSelfDescribed(v: CborValue): Uint8Array {
  return encodeCbor(tagged(SELF_DESCRIBE_TAG, v));
}
