/** Small byte helpers shared by localnet's modules (Uint8Array only, no Buffer in signatures). */

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic order of blobs, as the IC uses for labels and principals. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** `len(s) ‖ s`: the IC's domain separator form. */
export function domainSeparator(s: string): Uint8Array {
  const b = utf8(s);
  return concatBytes(new Uint8Array([b.length]), b);
}
