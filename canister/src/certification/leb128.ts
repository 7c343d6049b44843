/** Unsigned LEB128 (the encoding of nat values in representation-independent hashes). */
export function encodeLeb128(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError(`LEB128 of a negative number: ${n}`);
  const out: number[] = [];
  let v = n;
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
  return Uint8Array.from(out);
}
