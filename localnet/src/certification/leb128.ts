/** Unsigned LEB128, as the IC encodes `time`, request-status reject codes and hashed naturals. */

export function encodeLeb128(value: bigint | number): Uint8Array {
  let n = BigInt(value);
  if (n < 0n) throw new RangeError(`LEB128 encodes naturals only, got ${n}`);
  const out: number[] = [];
  do {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    out.push(n === 0n ? byte : byte | 0x80);
  } while (n !== 0n);
  return Uint8Array.from(out);
}

export function decodeLeb128(bytes: Uint8Array): bigint {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < bytes.length; i++) {
    result |= BigInt(bytes[i] & 0x7f) << shift;
    if ((bytes[i] & 0x80) === 0) {
      if (i !== bytes.length - 1) throw new RangeError('trailing bytes after LEB128 value');
      return result;
    }
    shift += 7n;
  }
  throw new RangeError('truncated LEB128 value');
}
