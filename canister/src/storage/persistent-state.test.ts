import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from './record-frame.js';
import {
  decodePersistentState,
  defaultPersistentState,
  encodePersistentState,
  type PersistentState,
} from './persistent-state.js';
import type { DecodeResult } from './wire.js';

function value<T>(r: DecodeResult<T>): T {
  if (!r.ok) throw new Error(`decode failed: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const nat64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

const stateArb: fc.Arbitrary<PersistentState> = fc.record(
  {
    salt: fc.oneof(fc.constant(new Uint8Array()), fc.uint8Array({ minLength: 32, maxLength: 32 })),
    anchorRange: fc.record({ lo: nat64, hi: nat64 }, { noNullPrototype: true }),
    anchorCount: nat64,
    registerRateLimit: fc.record(
      { timePerTokenNs: nat64, maxTokens: nat64 },
      { noNullPrototype: true },
    ),
    registerRateLimitState: fc.record(
      { tokens: nat64, tokenTimestamp: nat64 },
      { noNullPrototype: true },
    ),
    captchaConfig: fc.record(
      { maxUnsolvedCaptchas: nat64, captchaEnabled: fc.boolean() },
      { noNullPrototype: true },
    ),
    maxInflightCaptchas: nat64,
    archiveConfig: fc.record(
      {
        moduleHash: fc.uint8Array({ maxLength: 32 }),
        entriesBufferLimit: nat64,
        entriesFetchLimit: fc.integer({ min: 0, max: 0xffff }),
        pollingIntervalNs: nat64,
      },
      { noNullPrototype: true },
    ),
    archiveCanister: fc.uint8Array({ maxLength: 29 }),
    canisterCreationCyclesCost: nat64,
    lastUpgradeTimestamp: nat64,
    fetchRootKey: fc.boolean(),
    v2Registrations: nat64,
    archiveSequenceNumber: nat64,
  },
  {
    requiredKeys: ['salt', 'anchorRange', 'anchorCount', 'registerRateLimit'],
    noNullPrototype: true,
  },
);

describe('persistent state record', () => {
  it('round-trips any state exactly', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        expect(value(decodePersistentState(encodePersistentState(s)))).toStrictEqual(s);
      }),
    );
  });

  it('defaults: empty salt, anchors from 10,000, 1 token / 10 s up to 20,000', () => {
    const s = value(decodePersistentState(encodePersistentState(defaultPersistentState())));
    expect(s.salt.length).toBe(0);
    expect(s.anchorRange.lo).toBe(10_000n);
    expect(s.registerRateLimit).toEqual({ timePerTokenNs: 10_000_000_000n, maxTokens: 20_000n });
  });

  it('starts with its format version', () => {
    expect(encodePersistentState(defaultPersistentState())[0]).toBe(1);
  });

  it('keeps fields of a newer build (top level) and skips new sub-fields', () => {
    const future = encodeFrame(2, 1, (w) => {
      w.fieldBytes(1, new Uint8Array(32).fill(7));
      w.fieldBigint(2, 10n);
      w.fieldBigint(3, 20n);
      w.fieldBigint(4, 3n);
      w.fieldMessage(5, (r) => {
        r.fieldBigint(1, 5n);
        r.fieldBigint(2, 6n);
        r.fieldString(9, 'future sub-field');
      });
      w.fieldString(40, 'future top-level field');
    });
    const s = value(decodePersistentState(future));
    expect(s).toMatchObject({
      anchorRange: { lo: 10n, hi: 20n },
      anchorCount: 3n,
      registerRateLimit: { maxTokens: 6n },
    });
    expect(s.unknownFields).toHaveLength(1);
    const again = value(decodePersistentState(encodePersistentState(s)));
    expect(again.unknownFields).toEqual(s.unknownFields);
  });

  it('refuses a bad salt length on both sides, and corrupted records', () => {
    expect(() =>
      encodePersistentState({ ...defaultPersistentState(), salt: new Uint8Array(5) }),
    ).toThrow(RangeError);
    const badSalt = encodeFrame(1, 1, (w) => {
      w.fieldBytes(1, new Uint8Array(5));
    });
    expect(decodePersistentState(badSalt)).toMatchObject({
      ok: false,
      error: { code: 'InvalidValue' },
    });
    const bytes = encodePersistentState(defaultPersistentState());
    for (let i = 0; i < bytes.length; i++) {
      const bad = bytes.slice();
      bad[i] ^= 0x10;
      expect(decodePersistentState(bad).ok).toBe(false);
    }
    expect(decodePersistentState(bytes.subarray(0, bytes.length - 1)).ok).toBe(false);
  });

  it('refuses a record missing required fields', () => {
    const noRange = encodeFrame(1, 1, (w) => w.fieldBytes(1, new Uint8Array()));
    expect(decodePersistentState(noRange)).toMatchObject({
      ok: false,
      error: { code: 'MissingField' },
    });
  });
});
