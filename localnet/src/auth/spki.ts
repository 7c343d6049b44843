/**
 * A strict reader for DER `SubjectPublicKeyInfo` (RFC 5280): SEQUENCE { SEQUENCE { OID, params? }, BIT STRING }.
 * Only the shapes the IC accepts are parsed; anything else (trailing bytes, long lengths,
 * unused bits in the BIT STRING) is rejected so that two encodings never map to one key.
 */
import { SignatureError } from './errors.js';

export interface Spki {
  /** Dotted algorithm OID, e.g. "1.3.101.112". */
  algorithm: string;
  /** Dotted OID of the parameters (EC curve), "null" for an explicit NULL, undefined if absent. */
  parameters?: string;
  /** The BIT STRING contents (without the unused-bits byte). */
  key: Uint8Array;
}

interface Tlv {
  tag: number;
  value: Uint8Array;
  end: number;
}

function readTlv(buf: Uint8Array, offset: number): Tlv {
  if (offset + 2 > buf.length) throw new SignatureError('DER: truncated');
  const tag = buf[offset];
  let len = buf[offset + 1];
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 2 || start + n > buf.length) throw new SignatureError('DER: bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | buf[start + i];
    // DER demands the shortest length form.
    if (len < 0x80 || (n === 2 && len < 0x100)) throw new SignatureError('DER: non-minimal length');
    start += n;
  }
  const end = start + len;
  if (end > buf.length) throw new SignatureError('DER: truncated');
  return { tag, value: buf.subarray(start, end), end };
}

function decodeOid(b: Uint8Array): string {
  if (b.length === 0) throw new SignatureError('DER: empty OID');
  const arcs: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    if (v === 0 && b[i] === 0x80) throw new SignatureError('DER: non-minimal OID');
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      if (arcs.length === 0) arcs.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else arcs.push(v);
      v = 0;
    } else if (i === b.length - 1) throw new SignatureError('DER: truncated OID');
  }
  return arcs.join('.');
}

export function parseSpki(der: Uint8Array): Spki {
  const outer = readTlv(der, 0);
  if (outer.tag !== 0x30 || outer.end !== der.length)
    throw new SignatureError('DER: expected one SEQUENCE');
  const body = outer.value;
  const algSeq = readTlv(body, 0);
  if (algSeq.tag !== 0x30) throw new SignatureError('DER: expected AlgorithmIdentifier');
  const oid = readTlv(algSeq.value, 0);
  if (oid.tag !== 0x06) throw new SignatureError('DER: expected OID');
  const algorithm = decodeOid(oid.value);
  let parameters: string | undefined;
  if (oid.end < algSeq.value.length) {
    const p = readTlv(algSeq.value, oid.end);
    if (p.end !== algSeq.value.length)
      throw new SignatureError('DER: trailing bytes in AlgorithmIdentifier');
    if (p.tag === 0x06) parameters = decodeOid(p.value);
    else if (p.tag === 0x05 && p.value.length === 0) parameters = 'null';
    else throw new SignatureError('DER: unsupported algorithm parameters');
  }
  const bits = readTlv(body, algSeq.end);
  if (bits.tag !== 0x03 || bits.end !== body.length)
    throw new SignatureError('DER: expected BIT STRING');
  if (bits.value.length < 1 || bits.value[0] !== 0)
    throw new SignatureError('DER: BIT STRING must be byte-aligned');
  return { algorithm, parameters, key: bits.value.subarray(1) };
}
