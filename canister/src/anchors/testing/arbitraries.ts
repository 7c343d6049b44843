/** fast-check arbitraries and fixtures shared by the anchor and storage tests (test-only). */
import fc from 'fast-check';
import { sha224 } from '@noble/hashes/sha2';
import { utf8ByteLength } from '../../bytes.js';
import type { Anchor, Device, MetadataMap, MetadataValue } from '../types.js';
import { KEY_TYPES, PROTECTIONS, PURPOSES } from '../types.js';

const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
const bytes = (minLength: number, maxLength: number) => fc.uint8Array({ minLength, maxLength });

export const metadataValueArb: fc.Arbitrary<MetadataValue> = fc.letrec<{
  value: MetadataValue;
  map: MetadataMap;
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text(20).map((value) => ({ kind: 'string' as const, value })),
    bytes(0, 20).map((value) => ({ kind: 'bytes' as const, value })),
    tie('map').map((value) => ({ kind: 'map' as const, value: value as MetadataMap })),
  ),
  map: fc.uniqueArray(fc.tuple(text(10), tie('value')), {
    maxLength: 3,
    selector: ([k]) => k,
  }) as fc.Arbitrary<MetadataMap>,
})).value;

/** Any structurally possible device, limits ignored (what the codec must round-trip). */
export const anyDeviceArb: fc.Arbitrary<Device> = fc.record(
  {
    pubkey: bytes(0, 120),
    alias: text(30),
    credentialId: bytes(0, 80),
    purpose: fc.constantFrom(...PURPOSES),
    keyType: fc.constantFrom(...KEY_TYPES),
    protection: fc.constantFrom(...PROTECTIONS),
    origin: text(30),
    lastUsage: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    metadata: fc.uniqueArray(fc.tuple(text(12), metadataValueArb), {
      maxLength: 3,
      selector: ([k]) => k,
    }),
  },
  { requiredKeys: ['pubkey', 'alias', 'purpose', 'keyType', 'protection'], noNullPrototype: true },
);

export const anyAnchorArb: fc.Arbitrary<Anchor> = fc.record(
  {
    number: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    devices: fc.array(anyDeviceArb, { maxLength: 4 }),
  },
  { noNullPrototype: true },
);

/** A device that passes every per-device check of limits.ts (unique pubkey by construction if seeded). */
export const validDeviceArb: fc.Arbitrary<Device> = fc
  .record(
    {
      pubkey: bytes(1, 100),
      // 16 graphemes can exceed the 64-byte alias limit (a grapheme can take 16+ bytes).
      alias: text(16).filter((a) => utf8ByteLength(a) <= 64),
      credentialId: bytes(1, 64),
      purpose: fc.constantFrom(...PURPOSES),
      keyType: fc.constantFrom(
        'unknown',
        'platform',
        'cross_platform',
        'browser_storage_key' as const,
      ),
      protection: fc.constant('unprotected' as const),
      origin: fc.constantFrom('https://identity.ic0.app', 'https://identity.internetcomputer.org'),
    },
    {
      requiredKeys: ['pubkey', 'alias', 'purpose', 'keyType', 'protection'],
      noNullPrototype: true,
    },
  )
  .map((d) => d as Device);

let counter = 0;
/** A fresh deterministic pubkey (DER-ish length), different on every call. */
export function freshPubkey(len = 91): Uint8Array {
  counter++;
  const seed = new TextEncoder().encode(`pubkey-${counter}`);
  const out = new Uint8Array(len);
  const h = sha224(seed);
  for (let i = 0; i < len; i++) out[i] = h[i % h.length] ^ (i & 0xff);
  return out;
}

export function passkey(overrides: Partial<Device> = {}): Device {
  return {
    pubkey: freshPubkey(),
    alias: 'MacBook',
    credentialId: freshPubkey(64),
    purpose: 'authentication',
    keyType: 'platform',
    protection: 'unprotected',
    origin: 'https://identity.ic0.app',
    ...overrides,
  };
}

export function recoveryPhrase(overrides: Partial<Device> = {}): Device {
  return {
    pubkey: freshPubkey(44),
    alias: 'Recovery phrase',
    purpose: 'recovery',
    keyType: 'seed_phrase',
    protection: 'unprotected',
    ...overrides,
  };
}
