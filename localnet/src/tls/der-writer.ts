// Minimal DER (X.690) encoding: just the types an X.509 certificate needs.

export type Der = Uint8Array;

function length(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Uint8Array): Der {
  const len = length(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

function cat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}

export const sequence = (...items: Der[]): Der => tlv(0x30, cat(items));
export const set = (...items: Der[]): Der => tlv(0x31, cat(items));
export const bool = (v: boolean): Der => tlv(0x01, Uint8Array.of(v ? 0xff : 0x00));
export const octets = (b: Uint8Array): Der => tlv(0x04, b);
export const utf8 = (s: string): Der => tlv(0x0c, new TextEncoder().encode(s));
/** BIT STRING with the given count of unused trailing bits in the last byte. */
export const bits = (b: Uint8Array, unused = 0): Der => tlv(0x03, cat([Uint8Array.of(unused), b]));
/** [n] EXPLICIT */
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | n, inner);
/** [n] IMPLICIT primitive */
export const implicit = (n: number, content: Uint8Array): Der => tlv(0x80 | n, content);

/** Unsigned big-endian integer (a leading zero is added when the top bit is set). */
export function uint(value: Uint8Array | number): Der {
  let b = typeof value === 'number' ? Uint8Array.of(value) : value;
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.slice(i);
  return tlv(0x02, b[0] & 0x80 ? cat([Uint8Array.of(0), b]) : b);
}

export function oid(dotted: string): Der {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const group: number[] = [];
    let v = n;
    do {
      group.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < group.length - 1; i++) group[i] |= 0x80;
    out.push(...group);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
export function time(d: Date): Der {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = d.getUTCFullYear();
  return year < 2050
    ? tlv(0x17, new TextEncoder().encode(`${iso.slice(2)}Z`))
    : tlv(0x18, new TextEncoder().encode(`${iso}Z`));
}
