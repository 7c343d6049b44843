import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  passkey,
  recoveryPhrase,
  anyAnchorArb,
  freshPubkey,
  metadataValueArb,
} from '../anchors/testing/arbitraries.js';
import type { Anchor } from '../anchors/types.js';
import { anchorKey, anchorNumberFromKey, decodeAnchor, encodeAnchor } from './anchor-record.js';
import { encodeFrame } from './record-frame.js';
import type { RecordVersion } from './record-version.js';
import type { DecodeResult } from './wire.js';

function value<T>(r: DecodeResult<T>): T {
  if (!r.ok) throw new Error(`decode failed: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const namedAnchorArb: fc.Arbitrary<Anchor> = fc
  .tuple(
    anyAnchorArb,
    fc.option(fc.string({ unit: 'grapheme', maxLength: 20 }), { nil: undefined }),
  )
  .map(([a, name]) => (name === undefined ? a : { ...a, name }));

/** Any anchor a version-3 build writes: a name, identity metadata, device AAGUIDs, each maybe. */
const v3AnchorArb: fc.Arbitrary<Anchor> = fc
  .tuple(
    namedAnchorArb,
    fc.option(
      fc.uniqueArray(fc.tuple(fc.string({ maxLength: 12 }), metadataValueArb), {
        maxLength: 4,
        selector: ([k]) => k,
      }),
      { nil: undefined },
    ),
    fc.array(fc.option(fc.uint8Array({ minLength: 16, maxLength: 16 }), { nil: undefined }), {
      minLength: 4,
      maxLength: 4,
    }),
  )
  .map(([a, identityMetadata, aaguids]) => {
    const devices = a.devices.map((d, i) =>
      aaguids[i] === undefined ? d : { ...d, aaguid: aaguids[i] },
    );
    return identityMetadata === undefined ? { ...a, devices } : { ...a, devices, identityMetadata };
  });

/** What a version-1 build sees of a version-3 anchor: no name, metadata or AAGUID. */
function withoutV3Fields(anchor: Anchor): Anchor {
  const { name: _n, identityMetadata: _m, ...rest } = anchor;
  return { ...rest, devices: anchor.devices.map(({ aaguid: _a, ...d }) => d) };
}

/** The fields a build did not understand are kept verbatim; drop them to compare the rest. */
function withoutUnknown(anchor: Anchor): Anchor {
  const { unknownFields: _u, ...rest } = anchor;
  return { ...rest, devices: anchor.devices.map(({ unknownFields: _d, ...d }) => d) };
}

/** A realistic anchor: one passkey (ES256 DER-COSE key, 32-byte credential id) + a recovery phrase. */
function typicalAnchor(): Anchor {
  return {
    number: 1_234_567n,
    devices: [
      passkey({
        pubkey: freshPubkey(96),
        credentialId: freshPubkey(32),
        alias: 'Chrome on Mac',
        lastUsage: 1_700_000_000_000_000_000n,
      }),
      recoveryPhrase({ lastUsage: 1_690_000_000_000_000_000n }),
    ],
  };
}

describe('anchorKey', () => {
  it('round-trips and sorts bytewise in numeric order', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        (a, b) => {
          expect(anchorNumberFromKey(anchorKey(a))).toBe(a);
          const ka = anchorKey(a);
          const kb = anchorKey(b);
          let cmp = 0;
          for (let i = 0; i < 8 && cmp === 0; i++) cmp = ka[i] - kb[i];
          expect(Math.sign(cmp)).toBe(a < b ? -1 : a > b ? 1 : 0);
        },
      ),
    );
    expect(anchorKey(10_000n)).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0x27, 0x10]));
    expect(() => anchorKey(-1n)).toThrow(RangeError);
    expect(() => anchorNumberFromKey(new Uint8Array(7))).toThrow(RangeError);
  });
});

describe('anchor record round trips', () => {
  for (const version of [1, 2, 3] as RecordVersion[]) {
    it(`v${version} → v${version} reproduces any anchor exactly`, () => {
      const arb = [anyAnchorArb, namedAnchorArb, v3AnchorArb][version - 1]!;
      fc.assert(
        fc.property(arb, (anchor) => {
          expect(value(decodeAnchor(encodeAnchor(anchor, version), version))).toStrictEqual(anchor);
        }),
      );
    });
  }

  it('starts with the format version', () => {
    expect(encodeAnchor(typicalAnchor(), 1)[0]).toBe(1);
    expect(encodeAnchor(typicalAnchor(), 2)[0]).toBe(2);
    expect(encodeAnchor(typicalAnchor(), 3)[0]).toBe(3);
    // Every version so far can be read by a version-1 build: the min reader version stays 1.
    expect(encodeAnchor(typicalAnchor(), 3)[1]).toBe(1);
  });

  it('is deterministic (same anchor, same bytes)', () => {
    const a = typicalAnchor();
    expect(encodeAnchor(a, 2)).toEqual(encodeAnchor(structuredCloneLike(a), 2));
  });
});

describe('compatibility between record versions', () => {
  it('upgrade: a v1 record reads in a v2 build unchanged', () => {
    fc.assert(
      fc.property(anyAnchorArb, (anchor) => {
        expect(value(decodeAnchor(encodeAnchor(anchor, 1), 2))).toStrictEqual(anchor);
      }),
    );
  });

  it('downgrade: a v1 build reads a v2 record, ignoring only the name', () => {
    fc.assert(
      fc.property(namedAnchorArb, (anchor) => {
        const old = value(decodeAnchor(encodeAnchor(anchor, 2), 1));
        const { name, unknownFields, ...rest } = old;
        expect(name).toBeUndefined();
        const { name: _n, ...expected } = anchor;
        expect(rest).toStrictEqual(expected);
        expect(unknownFields?.length ?? 0).toBe(anchor.name === undefined ? 0 : 1);
      }),
    );
  });

  it('downgrade then upgrade: a v1 build that rewrites the record keeps the name for v2', () => {
    fc.assert(
      fc.property(namedAnchorArb, (anchor) => {
        const readByOld = value(decodeAnchor(encodeAnchor(anchor, 2), 1));
        // The old build changes something and writes the record back.
        const modified: Anchor = { ...readByOld, devices: readByOld.devices.slice(0, 1) };
        const backInNew = value(decodeAnchor(encodeAnchor(modified, 1), 2));
        expect(backInNew.name).toBe(anchor.name);
        expect(backInNew.devices).toStrictEqual(anchor.devices.slice(0, 1));
        expect(backInNew.unknownFields).toBeUndefined();
      }),
    );
  });

  it('migration: a v1 record reads in a v3 build unchanged, and is rewritten as v3', () => {
    fc.assert(
      fc.property(anyAnchorArb, (anchor) => {
        const migrated = value(decodeAnchor(encodeAnchor(anchor, 1), 3));
        expect(migrated).toStrictEqual(anchor);
        const rewritten = encodeAnchor(migrated, 3);
        expect(rewritten[0]).toBe(3);
        expect(value(decodeAnchor(rewritten, 3))).toStrictEqual(anchor);
      }),
    );
  });

  it('downgrade: a v1 build (the previous release) reads a v3 record, keeping the new fields', () => {
    fc.assert(
      fc.property(v3AnchorArb, (anchor) => {
        const old = value(decodeAnchor(encodeAnchor(anchor, 3), 1));
        expect(withoutUnknown(old)).toStrictEqual(withoutV3Fields(anchor));
        const hidden = (anchor.name === undefined ? 0 : 1) + (anchor.identityMetadata ? 1 : 0);
        expect(old.unknownFields?.length ?? 0).toBe(hidden);
        old.devices.forEach((d, i) =>
          expect(d.unknownFields?.length ?? 0).toBe(anchor.devices[i]!.aaguid ? 1 : 0),
        );
        // The old build changes the anchor and writes the record back; the new build gets it all.
        const modified: Anchor = { ...old, devices: old.devices.slice(0, 1) };
        const back = value(decodeAnchor(encodeAnchor(modified, 1), 3));
        expect(back).toStrictEqual({ ...anchor, devices: anchor.devices.slice(0, 1) });
      }),
    );
  });

  it('a v2 build keeps v3 identity metadata it does not know', () => {
    const anchor: Anchor = {
      ...typicalAnchor(),
      identityMetadata: [['recovery_page_shown', { kind: 'string', value: '1700000000' }]],
    };
    const readByV2 = value(decodeAnchor(encodeAnchor(anchor, 3), 2));
    expect(readByV2.identityMetadata).toBeUndefined();
    expect(value(decodeAnchor(encodeAnchor(readByV2, 2), 3))).toStrictEqual(anchor);
  });

  it('an unknown per-device field from a future build is kept through decode/encode', () => {
    // Hand-written "v3" record: a device with an extra field 20 (e.g. credential transports).
    const device = passkey();
    const future = encodeFrame(3, 1, (w) => {
      w.fieldBigint(1, 42n);
      w.fieldMessage(2, (d) => {
        d.fieldBytes(1, device.pubkey);
        d.fieldString(2, device.alias);
        d.fieldVarint(4, 0);
        d.fieldVarint(5, 1);
        d.fieldVarint(6, 0);
        d.fieldString(20, 'usb,nfc');
      });
      w.fieldBigint(21, 7n);
    });
    const read = value(decodeAnchor(future, 3));
    expect(read.devices[0]).toMatchObject({ alias: device.alias, keyType: 'platform' });
    expect(read.devices[0].unknownFields).toHaveLength(1);
    expect(read.unknownFields).toHaveLength(1);
    const rewritten = value(decodeAnchor(encodeAnchor(read, 3), 3));
    expect(rewritten).toStrictEqual(read);
  });

  it('a record marked as needing a newer reader is refused with a typed error', () => {
    const breaking = encodeFrame(4, 4, (w) => w.fieldBigint(1, 1n));
    expect(decodeAnchor(breaking, 3)).toMatchObject({
      ok: false,
      error: { code: 'UnsupportedVersion' },
    });
  });
});

describe('corrupted records give a typed error, never an anchor', () => {
  const bytes = encodeAnchor(typicalAnchor(), 2);

  it('any single changed byte is detected', () => {
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (i, delta) => {
        const bad = bytes.slice();
        bad[i] = (bad[i] + delta) & 0xff;
        expect(decodeAnchor(bad, 2).ok).toBe(false);
      }),
    );
  });

  it('every truncation is detected', () => {
    for (let len = 0; len < bytes.length; len++) {
      const r = decodeAnchor(bytes.subarray(0, len), 2);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['TooShort', 'ChecksumMismatch', 'InvalidVersion']).toContain(r.error.code);
    }
  });

  it('random bytes are refused', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (junk) => !decodeAnchor(junk, 2).ok));
  });

  it('structurally invalid records with a valid checksum are refused field by field', () => {
    const cases: Array<[string, Uint8Array]> = [
      [
        'MissingField',
        encodeFrame(1, 1, (w) => w.fieldMessage(2, (d) => d.fieldString(2, 'no key'))),
      ],
      ['MissingField', encodeFrame(1, 1, () => {})],
      ['DuplicateField', encodeFrame(1, 1, (w) => (w.fieldBigint(1, 1n), w.fieldBigint(1, 2n)))],
      [
        'InvalidValue',
        encodeFrame(1, 1, (w) => {
          w.fieldBigint(1, 1n);
          w.fieldMessage(2, (d) => {
            d.fieldBytes(1, new Uint8Array([1]));
            d.fieldString(2, '');
            d.fieldVarint(4, 0);
            d.fieldVarint(5, 9); // no such key type
            d.fieldVarint(6, 0);
          });
        }),
      ],
      [
        'Malformed',
        encodeFrame(1, 1, (w) => {
          w.fieldBigint(1, 1n);
          w.fieldMessage(2, (d) => d.fieldBytes(2, new Uint8Array([0xff]))); // alias not UTF-8
        }),
      ],
      ['Malformed', encodeFrame(1, 1, (w) => w.fieldBytes(1, new Uint8Array([1])))], // wrong wire type
      ['InvalidVersion', encodeFrame(0, 1, (w) => w.fieldBigint(1, 1n))],
    ];
    for (const [code, bad] of cases) {
      expect(decodeAnchor(bad, 2)).toMatchObject({ ok: false, error: { code } });
    }
  });
});

describe('size', () => {
  it('a typical anchor (passkey + recovery phrase) takes under 300 bytes', () => {
    // 224 bytes of content (keys, credential id, alias, origin) + 59 bytes of framing = 283.
    const n = encodeAnchor(typicalAnchor(), 2).length;
    expect(n).toBe(283);
  });

  it('a maximal anchor (10 devices, 2,500 bytes of variable fields) stays under 2,800 bytes', () => {
    const devices = Array.from({ length: 10 }, () =>
      passkey({
        pubkey: freshPubkey(200),
        credentialId: undefined,
        alias: 'a'.repeat(26),
        origin: 'o'.repeat(24),
        lastUsage: 2n ** 63n,
      }),
    );
    const n = encodeAnchor({ number: 2n ** 63n, devices }, 2).length;
    expect(n).toBeLessThan(2_800);
  });
});

function structuredCloneLike(a: Anchor): Anchor {
  return { ...a, devices: a.devices.map((d) => ({ ...d, pubkey: d.pubkey.slice() })) };
}
