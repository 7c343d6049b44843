// Standard base64 (RFC 4648 §4, with '=' padding). Written here because Azle's
// QuickJS has neither Buffer nor btoa.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: Uint8Array): string {
  // Collected in an array and joined once: repeated string concatenation is slow in
  // QuickJS for the ~10 KB PNGs this encodes.
  const parts: string[] = [];
  const full = bytes.length - (bytes.length % 3);
  let i = 0;
  for (; i < full; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    parts.push(
      ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63] + ALPHABET[(n >>> 6) & 63] + ALPHABET[n & 63],
    );
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[i] << 16;
    parts.push(ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63] + '==');
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    parts.push(ALPHABET[n >>> 18] + ALPHABET[(n >>> 12) & 63] + ALPHABET[(n >>> 6) & 63] + '=');
  }
  return parts.join('');
}
