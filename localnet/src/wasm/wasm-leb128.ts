/** Minimal unsigned LEB128 reader/writer for walking wasm section headers. */
import { WasmParseError } from './errors.js';

/** Reads an unsigned LEB128 number (up to 2^53) at `pos`; returns the value and the next position. */
export function readU32Leb(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (let i = pos; i < bytes.length; i++) {
    const b = bytes[i]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, i + 1];
    shift += 7;
    if (shift > 63) break;
  }
  throw new WasmParseError(`bad LEB128 at offset ${pos}`);
}

/** Skips any LEB128 number (signed or unsigned, any width). */
export function skipLeb(bytes: Uint8Array, pos: number): number {
  for (let i = pos; i < bytes.length; i++) {
    if ((bytes[i]! & 0x80) === 0) return i + 1;
  }
  throw new WasmParseError(`truncated LEB128 at offset ${pos}`);
}

export function writeU32Leb(value: number): Uint8Array {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return Uint8Array.from(out);
}

/** Signed LEB128 (i32.const / i64.const immediates). */
export function writeSignedLeb(value: bigint | number): Uint8Array {
  const out: number[] = [];
  let v = BigInt(value);
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return Uint8Array.from(out);
    }
    out.push(b | 0x80);
  }
}
