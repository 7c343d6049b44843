/**
 * The canister's one set of byte helpers: UTF-8, concatenation, order, hex and base64. Written
 * out because Azle's QuickJS has no Buffer and no btoa/atob.
 */
import { Utf8Encoder } from './utf8-encoder.js';

// Our encoder, not the global: this module is evaluated before the entry replaces Azle's slow
// TextEncoder polyfill, so `new TextEncoder()` here was the polyfill (~10 k instructions per
// character: 49 M of a /metrics reply's 77 M).
const encoder = new Utf8Encoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * Strict UTF-8 decoding; `undefined` for anything that is not well-formed UTF-8. Hand-written so
 * invalid bytes are refused everywhere, whether or not the runtime's TextDecoder honours `fatal`.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i];
    let cp: number;
    let need: number;
    let min: number;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i++;
      continue;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      cp = b0 & 0x1f;
      need = 1;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      cp = b0 & 0x0f;
      need = 2;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      cp = b0 & 0x07;
      need = 3;
      min = 0x10000;
    } else return undefined;
    if (i + need >= bytes.length) return undefined; // truncated sequence
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      if ((b & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (b & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return undefined;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/**
 * UTF-8 length of a string without allocating (limits are in bytes, as in II). A lone surrogate
 * counts as 3 bytes, the size of the U+FFFD that any UTF-8 encoder would write for it.
 */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Takes an array rather than rest arguments: spreading thousands of parts can hit call limits. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte-wise lexicographic order, a proper prefix first: the order of IC hash-tree labels. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** Either case. @throws Error on odd length or a non-hex digit (inputs are build constants). */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`not hex: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX: Int16Array = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

/** Standard base64 (RFC 4648 §4) with '=' padding. */
/** The alphabet as character codes, for toBase64. */
const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));

export function toBase64(bytes: Uint8Array): string {
  // Character codes into a byte array, then one native String.fromCharCode per 8 KiB: in the
  // canister's QuickJS, building the string piece by piece cost ~5 M instructions for the
  // IC-Certificate header of every http_request.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const full = bytes.length - (bytes.length % 3);
  let o = 0;
  let i = 0;
  for (; i < full; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = B64_CODES[n >>> 18];
    out[o++] = B64_CODES[(n >>> 12) & 63];
    out[o++] = B64_CODES[(n >>> 6) & 63];
    out[o++] = B64_CODES[n & 63];
  }
  const rest = bytes.length - full;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out[o++] = B64_CODES[n >>> 18];
    out[o++] = B64_CODES[(n >>> 12) & 63];
    out[o++] = rest === 2 ? B64_CODES[(n >>> 6) & 63] : 61; // '='
    out[o] = 61;
  }
  const parts: string[] = [];
  for (let at = 0; at < out.length; at += 8192)
    parts.push(String.fromCharCode.apply(null, out.subarray(at, at + 8192) as unknown as number[]));
  return parts.join('');
}

/** base64url (RFC 4648 §5) without padding, as JWS uses it. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict standard base64: padding required, '=' only at the end; throws on anything else. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('base64: length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const isPad = c === 61 && i + j >= text.length - pad;
      const v = isPad ? 0 : c < 128 ? B64_INDEX[c] : -1;
      if (v < 0) throw new Error(`base64: bad character at ${i + j}`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 0xff;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}
