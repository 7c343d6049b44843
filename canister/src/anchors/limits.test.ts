import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALIAS_MAX_BYTES,
  ANCHOR_RECORD_MAX_BYTES,
  METADATA_MAX_DEPTH,
  METADATA_MAX_ENTRIES,
  boundedMetadata,
  metadataShape,
  validateRecordSize,
  CREDENTIAL_ID_MAX_BYTES,
  MAX_DEVICES_PER_ANCHOR,
  ORIGIN_MAX_BYTES,
  PUBKEY_MAX_BYTES,
  RESERVED_METADATA_KEYS,
  VARIABLE_FIELDS_MAX_BYTES,
  validateDevice,
  validateDevices,
  variableFieldsLength,
} from './limits.js';
import { passkey, recoveryPhrase, validDeviceArb } from './testing/arbitraries.js';
import { deviceToCandid } from './types.js';
import type { Device, MetadataMap } from './types.js';

const code = (d: Device) => validateDevice(d)?.code;

describe('validateDevice', () => {
  it('accepts typical devices', () => {
    expect(validateDevice(passkey())).toBeUndefined();
    expect(validateDevice(recoveryPhrase({ protection: 'protected' }))).toBeUndefined();
    fc.assert(fc.property(validDeviceArb, (d) => validateDevice(d) === undefined));
  });

  it('limits the alias in UTF-8 bytes, not characters', () => {
    expect(code(passkey({ alias: 'a'.repeat(ALIAS_MAX_BYTES) }))).toBeUndefined();
    expect(code(passkey({ alias: 'é'.repeat(ALIAS_MAX_BYTES / 2) }))).toBeUndefined();
    expect(code(passkey({ alias: 'é'.repeat(ALIAS_MAX_BYTES / 2 + 1) }))).toBe('AliasTooLong');
    expect(validateDevice(passkey({ alias: 'a'.repeat(65) }))).toMatchObject({
      code: 'AliasTooLong',
      limit: 64,
      actual: 65,
    });
  });

  it('limits pubkey, credential id and origin at exactly their bounds', () => {
    expect(code(passkey({ pubkey: new Uint8Array(PUBKEY_MAX_BYTES) }))).toBeUndefined();
    expect(code(passkey({ pubkey: new Uint8Array(PUBKEY_MAX_BYTES + 1) }))).toBe('PubkeyTooLong');
    expect(
      code(passkey({ credentialId: new Uint8Array(CREDENTIAL_ID_MAX_BYTES) })),
    ).toBeUndefined();
    expect(code(passkey({ credentialId: new Uint8Array(CREDENTIAL_ID_MAX_BYTES + 1) }))).toBe(
      'CredentialIdTooLong',
    );
    expect(code(passkey({ origin: 'x'.repeat(ORIGIN_MAX_BYTES) }))).toBeUndefined();
    expect(code(passkey({ origin: 'x'.repeat(ORIGIN_MAX_BYTES + 1) }))).toBe('OriginTooLong');
  });

  it('takes an AAGUID of exactly 16 bytes', () => {
    expect(code(passkey({ aaguid: new Uint8Array(16) }))).toBeUndefined();
    for (const n of [0, 15, 17, 300]) {
      expect(code(passkey({ aaguid: new Uint8Array(n) }))).toBe('InvalidAaguid');
    }
  });

  it('refuses every reserved metadata key at top level, but not nested', () => {
    for (const key of RESERVED_METADATA_KEYS) {
      const err = validateDevice(passkey({ metadata: [[key, { kind: 'string', value: 'x' }]] }));
      expect(err).toMatchObject({ code: 'ReservedMetadataKey', key });
    }
    const nested = passkey({
      metadata: [['custom', { kind: 'map', value: [['alias', { kind: 'string', value: 'x' }]] }]],
    });
    expect(code(nested)).toBeUndefined();
  });

  it('refuses duplicate metadata keys at any depth', () => {
    const s = { kind: 'string', value: 'v' } as const;
    expect(
      code(
        passkey({
          metadata: [
            ['a', s],
            ['a', s],
          ],
        }),
      ),
    ).toBe('DuplicateMetadataKey');
    expect(
      code(
        passkey({
          metadata: [
            [
              'm',
              {
                kind: 'map',
                value: [
                  ['b', s],
                  ['b', s],
                ],
              },
            ],
          ],
        }),
      ),
    ).toBe('DuplicateMetadataKey');
  });

  it('only seed phrases may be protected, and they have no credential id', () => {
    expect(code(passkey({ protection: 'protected' }))).toBe('InvalidDeviceProtection');
    expect(code(recoveryPhrase({ credentialId: new Uint8Array([1]) }))).toBe(
      'RecoveryPhraseWithCredentialId',
    );
  });
});

describe('validateDevices', () => {
  it('accepts up to the device limit and refuses one more', () => {
    const devices = Array.from({ length: MAX_DEVICES_PER_ANCHOR }, (_, i) =>
      passkey({ pubkey: new Uint8Array([i]) }),
    );
    expect(validateDevices(devices)).toBeUndefined();
    expect(
      validateDevices([...devices, { ...devices[0], pubkey: new Uint8Array([99]) }]),
    ).toMatchObject({
      code: 'TooManyDevices',
      limit: 10,
      actual: 11,
    });
  });

  it('sums aliases, pubkeys, credential ids, origins and metadata against the 2,500 byte budget', () => {
    const d = passkey({
      alias: 'ab',
      pubkey: new Uint8Array(10),
      credentialId: new Uint8Array(20),
      origin: 'o'.repeat(5),
      metadata: [
        ['key', { kind: 'map', value: [['k2', { kind: 'bytes', value: new Uint8Array(7) }]] }],
      ],
    });
    expect(variableFieldsLength(d)).toBe(2 + 10 + 20 + 5 + 3 + 2 + 7);

    // Fill the budget exactly with devices that are each within their own limits.
    const big = (i: number, pubkeyLen: number): Device =>
      passkey({
        alias: '',
        origin: undefined,
        credentialId: undefined,
        pubkey: new Uint8Array(pubkeyLen).fill(i),
      });
    const devices = [
      ...Array.from({ length: 8 }, (_, i) => big(i, 300)),
      big(9, VARIABLE_FIELDS_MAX_BYTES - 2400),
    ];
    expect(validateDevices(devices)).toBeUndefined();
    const over = [...devices.slice(0, 8), big(9, VARIABLE_FIELDS_MAX_BYTES - 2400 + 1)];
    expect(validateDevices(over)).toMatchObject({
      code: 'VariableFieldsLimitExceeded',
      limit: 2500,
      actual: 2501,
    });
  });

  it('refuses duplicate device keys and a second recovery phrase', () => {
    const a = passkey();
    expect(validateDevices([a, { ...passkey(), pubkey: a.pubkey }])?.code).toBe('DuplicateDevice');
    expect(validateDevices([recoveryPhrase(), recoveryPhrase()])?.code).toBe(
      'MultipleRecoveryPhrases',
    );
    expect(validateDevices([a, recoveryPhrase()])).toBeUndefined();
  });

  it('every error carries a human-readable message', () => {
    const err = validateDevices([recoveryPhrase(), recoveryPhrase()]);
    expect(err?.message).toMatch(/only one/);
  });
});

/** `depth` levels of maps, one entry each, the innermost holding a string. */
function nested(depth: number): MetadataMap {
  let map: MetadataMap = [['leaf', { kind: 'string', value: 'x' }]];
  for (let i = 1; i < depth; i++) map = [[`level${depth - i}`, { kind: 'map', value: map }]];
  return map;
}

describe('metadata shape limits', () => {
  it('accepts metadata exactly METADATA_MAX_DEPTH levels deep, refuses one more', () => {
    expect(metadataShape(nested(METADATA_MAX_DEPTH)).depth).toBe(METADATA_MAX_DEPTH);
    expect(code(passkey({ metadata: nested(METADATA_MAX_DEPTH) }))).toBeUndefined();
    expect(validateDevice(passkey({ metadata: nested(METADATA_MAX_DEPTH + 1) }))).toMatchObject({
      code: 'MetadataTooDeep',
      limit: METADATA_MAX_DEPTH,
    });
  });

  it('refuses the depths the fuzzer stored (176-436 levels) without walking them', () => {
    for (const depth of [176, 436, 100_000]) {
      const shape = metadataShape(nested(depth));
      expect(shape.depth).toBe(METADATA_MAX_DEPTH + 1);
      expect(code(passkey({ metadata: nested(depth) }))).toBe('MetadataTooDeep');
    }
  });

  it('counts entries at every level against METADATA_MAX_ENTRIES, empty ones included', () => {
    const flat = (n: number): MetadataMap =>
      Array.from({ length: n }, (_, i) => [`${i}`, { kind: 'string', value: '' }] as const);
    expect(code(passkey({ metadata: flat(METADATA_MAX_ENTRIES) }))).toBeUndefined();
    expect(code(passkey({ metadata: flat(METADATA_MAX_ENTRIES + 1) }))).toBe(
      'TooManyMetadataEntries',
    );
    const split: MetadataMap = [
      ['a', { kind: 'map', value: flat(METADATA_MAX_ENTRIES / 2) }],
      ['b', { kind: 'map', value: flat(METADATA_MAX_ENTRIES / 2) }],
    ];
    expect(code(passkey({ metadata: split }))).toBe('TooManyMetadataEntries');
  });

  it('limits the encoded record to the official 4 KiB', () => {
    expect(validateRecordSize(ANCHOR_RECORD_MAX_BYTES)).toBeUndefined();
    expect(validateRecordSize(ANCHOR_RECORD_MAX_BYTES + 1)).toMatchObject({
      code: 'AnchorTooLarge',
      limit: ANCHOR_RECORD_MAX_BYTES,
      actual: ANCHOR_RECORD_MAX_BYTES + 1,
    });
  });
});

describe('replies show stored metadata bounded', () => {
  it('cuts maps below METADATA_MAX_DEPTH to empty maps and keeps everything above', () => {
    const bounded = boundedMetadata(nested(436));
    expect(metadataShape(bounded).depth).toBe(METADATA_MAX_DEPTH);
    expect(validateDevice(passkey({ metadata: bounded }))).toBeUndefined();
    expect(boundedMetadata(nested(METADATA_MAX_DEPTH))).toEqual(nested(METADATA_MAX_DEPTH));
  });

  it('in deviceToCandid, so a legacy device always encodes', () => {
    const [metadata] = deviceToCandid(passkey({ metadata: nested(436) })).metadata;
    let depth = 0;
    for (let m = metadata; m && m.length > 0; depth++) {
      const value = m[0][1];
      m = 'map' in value ? value.map : undefined;
    }
    expect(depth).toBe(METADATA_MAX_DEPTH);
  });
});
