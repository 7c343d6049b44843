/**
 * A UTF-8 `TextEncoder` for the canister. Azle's global one is a JavaScript polyfill
 * (@sinonjs/text-encoding) that goes through a code-point stream: inside the canister it costs
 * ~130 k instructions for "hello", and Candid encodes every `text` value with it (an HTTP reply's
 * headers alone cost tens of millions). This one writes the bytes in one pass; its output is the
 * WHATWG encoder's, lone surrogates becoming U+FFFD (tests compare it with Node's).
 */
export class Utf8Encoder {
  readonly encoding = 'utf-8';

  encode(input = ''): Uint8Array {
    const s = String(input);
    let size = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) size += 1;
      else if (c < 0x800) size += 2;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
        size += 4;
        i++;
      } else size += 3; // BMP, or a lone surrogate written as U+FFFD (3 bytes)
    }
    const out = new Uint8Array(size);
    let o = 0;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        out[o++] = c;
      } else if (c < 0x800) {
        out[o++] = 0xc0 | (c >> 6);
        out[o++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        out[o++] = 0xf0 | (c >> 18);
        out[o++] = 0x80 | ((c >> 12) & 0x3f);
        out[o++] = 0x80 | ((c >> 6) & 0x3f);
        out[o++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        out[o++] = 0xe0 | (c >> 12);
        out[o++] = 0x80 | ((c >> 6) & 0x3f);
        out[o++] = 0x80 | (c & 0x3f);
      }
    }
    return out;
  }
}

const isLow = (c: number): boolean => c >= 0xdc00 && c < 0xe000;
