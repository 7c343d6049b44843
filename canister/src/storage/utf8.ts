/**
 * UTF-8 for stored strings. Encoding uses TextEncoder (present in Azle's QuickJS); decoding is
 * strict and hand-written so invalid bytes become a decode error everywhere, independent of
 * whether the runtime's TextDecoder honours `fatal`.
 */

const encoder = new TextEncoder();

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Returns `undefined` for anything that is not well-formed UTF-8. */
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
