import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Parsed SPKI keys by DER bytes. Parsing a key costs more than verifying with it, and a client
 * signs many requests with the same key (a session key above all), so keep the recent ones.
 */
const MAX_KEYS = 10_000;
const keys = new Map<string, KeyObject>();

export function spkiPublicKey(der: Uint8Array): KeyObject {
  const id = Buffer.from(der).toString('base64');
  let key = keys.get(id);
  if (key) return key;
  key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  // Insertion order makes the first key the oldest.
  if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
  keys.set(id, key);
  return key;
}
