/**
 * A minimal CBOR reader for what authenticators produce: COSE keys use integer map labels, which
 * @dfinity/cbor refuses, and the COSE key sits inside authenticatorData followed by optional
 * extension data, so we need to know exactly where one item ends. Definite lengths only.
 */
import { FrontendError } from '../errors.js';

export type CborValue =
  | number
  | bigint
  | Uint8Array
  | string
  | boolean
  | null
  | undefined
  | CborValue[]
  | Map<CborValue, CborValue>;

/** Bytes this reader does not decode (`cbor_invalid`); the message says how. */
export class CborError extends FrontendError {
  override name = 'CborError';
  constructor(message: string) {
    super('cbor_invalid', undefined, undefined, message);
  }
}

const MAX_DEPTH = 16;

/** Decodes the item starting at `offset`; `end` is the offset just after it. */
export function decodeCborItem(bytes: Uint8Array, offset = 0): { value: CborValue; end: number } {
  let pos = offset;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new CborError('CBOR: truncated');
  };
  const arg = (info: number): number | bigint => {
    if (info < 24) return info;
    const n = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (n === 0) throw new CborError('CBOR: indefinite lengths are not supported');
    need(n);
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(bytes[pos++]);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const len = (info: number): number => {
    const a = arg(info);
    if (typeof a !== 'number') throw new CborError('CBOR: length too large');
    return a;
  };
  const item = (depth: number): CborValue => {
    if (depth > MAX_DEPTH) throw new CborError('CBOR: nested too deeply');
    need(1);
    const head = bytes[pos++];
    const major = head >> 5;
    const info = head & 0x1f;
    switch (major) {
      case 0:
        return arg(info);
      case 1: {
        const a = arg(info);
        return typeof a === 'number' ? -1 - a : -1n - a;
      }
      case 2:
      case 3: {
        const n = len(info);
        need(n);
        const b = bytes.slice(pos, pos + n);
        pos += n;
        return major === 2 ? b : new TextDecoder('utf-8', { fatal: true }).decode(b);
      }
      case 4: {
        const n = len(info);
        const out: CborValue[] = [];
        for (let i = 0; i < n; i++) out.push(item(depth + 1));
        return out;
      }
      case 5: {
        const n = len(info);
        const out = new Map<CborValue, CborValue>();
        for (let i = 0; i < n; i++) {
          const k = item(depth + 1);
          out.set(k, item(depth + 1));
        }
        return out;
      }
      case 6:
        arg(info); // tag number: the tagged item is returned as is
        return item(depth + 1);
      default:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        if (info === 23) return undefined;
        throw new CborError(`CBOR: unsupported simple value ${info}`);
    }
  };
  const value = item(0);
  return { value, end: pos };
}

/** Decodes exactly one item spanning all of `bytes`. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const { value, end } = decodeCborItem(bytes);
  if (end !== bytes.length) throw new CborError('CBOR: trailing bytes');
  return value;
}
