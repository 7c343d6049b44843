// The little CBOR the IC-Certificate header needs: a hash tree and a text array, both under the
// self-describe tag (55799) as the IC's encoders emit them.
import { concatBytes, utf8 } from './bytes.js';
import type { HashTree } from './hash-tree.js';

const SELF_DESCRIBE = Uint8Array.of(0xd9, 0xd9, 0xf7);

function head(major: number, n: number): Uint8Array {
  const m = major << 5;
  if (n < 24) return Uint8Array.of(m | n);
  if (n < 0x100) return Uint8Array.of(m | 24, n);
  if (n < 0x10000) return Uint8Array.of(m | 25, n >> 8, n & 0xff);
  return Uint8Array.of(m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

function pushTree(t: HashTree, out: Uint8Array[]): void {
  out.push(head(4, t.length), head(0, t[0]));
  for (let i = 1; i < t.length; i++) {
    const item = t[i] as Uint8Array | HashTree;
    if (item instanceof Uint8Array) out.push(head(2, item.length), item);
    else pushTree(item, out);
  }
}

export function encodeHashTree(t: HashTree): Uint8Array {
  const out: Uint8Array[] = [SELF_DESCRIBE];
  pushTree(t, out);
  return concatBytes(out);
}

export function encodeTextArray(items: readonly string[]): Uint8Array {
  const out: Uint8Array[] = [SELF_DESCRIBE, head(4, items.length)];
  for (const s of items) {
    const b = utf8(s);
    out.push(head(3, b.length), b);
  }
  return concatBytes(out);
}
