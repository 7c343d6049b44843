/** Labels of the state tree: byte strings, ordered byte-wise as the IC orders them. */
export type Label = string | Uint8Array;

const utf8 = new TextEncoder();

/** The bytes of a label: strings are UTF-8 encoded, as the interface specification writes paths. */
export function labelBytes(label: Label): Uint8Array {
  return typeof label === 'string' ? utf8.encode(label) : label;
}

/** Byte-wise lexicographic order (a proper prefix sorts first). Negative, zero or positive. */
export function compareLabels(a: Uint8Array, b: Uint8Array): number {
  // Buffer.compare is native and accepts any Uint8Array.
  return Buffer.compare(a, b);
}

/** Hex of a label, for messages and map keys. */
export function labelHex(label: Uint8Array): string {
  return Buffer.from(label.buffer, label.byteOffset, label.byteLength).toString('hex');
}
