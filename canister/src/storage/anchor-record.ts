/**
 * The anchor record: the value stored per anchor in the anchors `StableBTreeMap`.
 *
 * Layout (see record-frame.ts for the frame, wire.ts for field encoding):
 *   anchor  1: number (varint, nat64)   2: device (message, repeated)   3: name (string, v2+)
 *           4: identity metadata (metadata message, v3+)
 *   device  1: pubkey   2: alias   3: credential id?   4: purpose   5: key type   6: protection
 *           7: origin?   8: last usage? (varint ns)   9: metadata? (message)   10: aaguid? (v3+)
 *   metadata: repeated 1: entry { 1: key, then exactly one of 2: string | 3: bytes | 4: map }
 * Rules for future versions: never reuse a field number; new fields are optional; a new enum
 * value or metadata kind needs a new field (old builds refuse unknown values); a change old
 * builds must not read raises the frame's min-reader version.
 */
import {
  type Anchor,
  type Device,
  KEY_TYPES,
  type MetadataMap,
  type MetadataValue,
  PROTECTIONS,
  PURPOSES,
} from '../anchors/types.js';
import { encodeFrame, openFrame } from './record-frame.js';
import { RECORD_VERSION, type RecordVersion } from './record-version.js';
import {
  catchDecodeFailure,
  DecodeFailure,
  type DecodeResult,
  FieldSet,
  WIRE_BYTES,
  WIRE_VARINT,
  WireReader,
  type WireWriter,
} from './wire.js';

/** Every version can read every version so far; bump only for a breaking change. */
const MIN_READER_VERSION = 1;
const U64_MAX = 2n ** 64n - 1n;

const A_NUMBER = 1;
const A_DEVICE = 2;
const A_NAME = 3; // since version 2
const A_IDENTITY_METADATA = 4; // since version 3

const D_PUBKEY = 1;
const D_ALIAS = 2;
const D_CREDENTIAL_ID = 3;
const D_PURPOSE = 4;
const D_KEY_TYPE = 5;
const D_PROTECTION = 6;
const D_ORIGIN = 7;
const D_LAST_USAGE = 8;
const D_METADATA = 9;
const D_AAGUID = 10; // since version 3

const M_ENTRY = 1;
const E_KEY = 1;
const E_STRING = 2;
const E_BYTES = 3;
const E_MAP = 4;

/** Anchor fields a build of `version` understands; others are kept as unknown fields. */
function anchorFieldsOf(version: number): readonly number[] {
  if (version >= 3) return [A_NUMBER, A_DEVICE, A_NAME, A_IDENTITY_METADATA];
  return version >= 2 ? [A_NUMBER, A_DEVICE, A_NAME] : [A_NUMBER, A_DEVICE];
}
const DEVICE_FIELDS_V1: readonly number[] = [
  D_PUBKEY,
  D_ALIAS,
  D_CREDENTIAL_ID,
  D_PURPOSE,
  D_KEY_TYPE,
  D_PROTECTION,
  D_ORIGIN,
  D_LAST_USAGE,
  D_METADATA,
];
const DEVICE_FIELDS_V3: readonly number[] = [...DEVICE_FIELDS_V1, D_AAGUID];
/** Device fields a build of `version` understands; others are kept as unknown fields. */
function deviceFieldsOf(version: number): readonly number[] {
  return version >= 3 ? DEVICE_FIELDS_V3 : DEVICE_FIELDS_V1;
}

/** 8-byte big-endian key: byte order = numeric order, so the map iterates in anchor order. */
export function anchorKey(n: bigint): Uint8Array {
  if (n < 0n || n > U64_MAX) throw new RangeError(`anchor number out of nat64 range: ${n}`);
  const out = new Uint8Array(8);
  let v = n;
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function anchorNumberFromKey(key: Uint8Array): bigint {
  if (key.length !== 8) throw new RangeError(`anchor key must be 8 bytes, got ${key.length}`);
  let n = 0n;
  for (const b of key) n = (n << 8n) | BigInt(b);
  return n;
}

function writeMetadata(w: WireWriter, map: MetadataMap): void {
  for (const [key, value] of map) {
    w.fieldMessage(M_ENTRY, (e) => {
      e.fieldString(E_KEY, key);
      if (value.kind === 'string') e.fieldString(E_STRING, value.value);
      else if (value.kind === 'bytes') e.fieldBytes(E_BYTES, value.value);
      else e.fieldMessage(E_MAP, (m) => writeMetadata(m, value.value));
    });
  }
}

function writeDevice(w: WireWriter, d: Device, version: number): void {
  w.fieldBytes(D_PUBKEY, d.pubkey);
  w.fieldString(D_ALIAS, d.alias);
  if (d.credentialId !== undefined) w.fieldBytes(D_CREDENTIAL_ID, d.credentialId);
  if (version >= 3 && d.aaguid !== undefined) w.fieldBytes(D_AAGUID, d.aaguid);
  w.fieldVarint(D_PURPOSE, PURPOSES.indexOf(d.purpose));
  w.fieldVarint(D_KEY_TYPE, KEY_TYPES.indexOf(d.keyType));
  w.fieldVarint(D_PROTECTION, PROTECTIONS.indexOf(d.protection));
  if (d.origin !== undefined) w.fieldString(D_ORIGIN, d.origin);
  if (d.lastUsage !== undefined) w.fieldBigint(D_LAST_USAGE, d.lastUsage);
  if (d.metadata !== undefined) w.fieldMessage(D_METADATA, (m) => writeMetadata(m, d.metadata!));
  const known = deviceFieldsOf(version);
  for (const raw of d.unknownFields ?? []) {
    // As for the anchor: a preserved field this version understands was written above.
    if (!known.includes(new WireReader(raw).next().field)) w.raw(raw);
  }
}

/** Encodes as a build of `version` would (default: this build's RECORD_VERSION). */
export function encodeAnchor(anchor: Anchor, version: RecordVersion = RECORD_VERSION): Uint8Array {
  const known = anchorFieldsOf(version);
  return encodeFrame(version, MIN_READER_VERSION, (w) => {
    w.fieldBigint(A_NUMBER, anchor.number);
    for (const d of anchor.devices) w.fieldMessage(A_DEVICE, (dw) => writeDevice(dw, d, version));
    if (version >= 2 && anchor.name !== undefined) w.fieldString(A_NAME, anchor.name);
    const metadata = anchor.identityMetadata;
    if (version >= 3 && metadata !== undefined)
      w.fieldMessage(A_IDENTITY_METADATA, (m) => writeMetadata(m, metadata));
    for (const raw of anchor.unknownFields ?? []) {
      // Skip a preserved field this version now understands itself (it was written above).
      if (!known.includes(new WireReader(raw).next().field)) w.raw(raw);
    }
  });
}

function enumValue<T>(values: readonly T[], r: WireReader, what: string): T {
  const i = r.varint();
  if (i >= values.length)
    throw new DecodeFailure('InvalidValue', `${what} ${i} is not known to this build`);
  return values[i];
}

/**
 * How deep stored metadata may be nested for this reader. New writes are limited to 8 levels
 * (anchors/limits.ts); records written before that limit hold at most ~440 levels (the Candid
 * decoder's own stack limit then), so this bound only keeps reading from recursing without end.
 */
const STORED_METADATA_MAX_DEPTH = 512;

function readMetadata(r: WireReader, depth = 1): MetadataMap {
  if (depth > STORED_METADATA_MAX_DEPTH)
    throw new DecodeFailure(
      'InvalidValue',
      `metadata nested deeper than ${STORED_METADATA_MAX_DEPTH}`,
    );
  const entries: Array<readonly [string, MetadataValue]> = [];
  const fields = new FieldSet('metadata');
  while (!r.done()) {
    const key = r.next();
    if (key.field !== M_ENTRY)
      throw new DecodeFailure('InvalidValue', `metadata: unknown field ${key.field}`);
    fields.expect(key, WIRE_BYTES, true);
    entries.push(readEntry(r.message(), depth));
  }
  return entries;
}

function readEntry(r: WireReader, depth: number): readonly [string, MetadataValue] {
  const fields = new FieldSet('metadata entry');
  let name: string | undefined;
  let value: MetadataValue | undefined;
  while (!r.done()) {
    const key = r.next();
    fields.expect(key, WIRE_BYTES);
    if (key.field === E_KEY) {
      name = r.stringValue();
      continue;
    }
    if (value !== undefined)
      throw new DecodeFailure('DuplicateField', 'metadata entry has two values');
    if (key.field === E_STRING) value = { kind: 'string', value: r.stringValue() };
    else if (key.field === E_BYTES) value = { kind: 'bytes', value: r.bytesValue() };
    else if (key.field === E_MAP)
      value = { kind: 'map', value: readMetadata(r.message(), depth + 1) };
    else throw new DecodeFailure('InvalidValue', `metadata entry: unknown value kind ${key.field}`);
  }
  if (name === undefined) throw new DecodeFailure('MissingField', 'metadata entry: key is missing');
  if (value === undefined)
    throw new DecodeFailure('MissingField', 'metadata entry: value is missing');
  return [name, value];
}

function readDevice(r: WireReader, version: number): Device {
  const fields = new FieldSet('device');
  const known = deviceFieldsOf(version);
  const d: { -readonly [K in keyof Device]?: Device[K] } = {};
  const unknown: Uint8Array[] = [];
  while (!r.done()) {
    const key = r.next();
    if (!known.includes(key.field)) {
      r.skip(key.wireType);
      unknown.push(r.rawSince(key.start));
      continue;
    }
    switch (key.field) {
      case D_PUBKEY:
        fields.expect(key, WIRE_BYTES);
        d.pubkey = r.bytesValue();
        break;
      case D_ALIAS:
        fields.expect(key, WIRE_BYTES);
        d.alias = r.stringValue();
        break;
      case D_CREDENTIAL_ID:
        fields.expect(key, WIRE_BYTES);
        d.credentialId = r.bytesValue();
        break;
      case D_PURPOSE:
        fields.expect(key, WIRE_VARINT);
        d.purpose = enumValue(PURPOSES, r, 'purpose');
        break;
      case D_KEY_TYPE:
        fields.expect(key, WIRE_VARINT);
        d.keyType = enumValue(KEY_TYPES, r, 'key type');
        break;
      case D_PROTECTION:
        fields.expect(key, WIRE_VARINT);
        d.protection = enumValue(PROTECTIONS, r, 'protection');
        break;
      case D_ORIGIN:
        fields.expect(key, WIRE_BYTES);
        d.origin = r.stringValue();
        break;
      case D_LAST_USAGE:
        fields.expect(key, WIRE_VARINT);
        d.lastUsage = r.varBigint();
        break;
      case D_METADATA:
        fields.expect(key, WIRE_BYTES);
        d.metadata = readMetadata(r.message());
        break;
      case D_AAGUID:
        fields.expect(key, WIRE_BYTES);
        d.aaguid = r.bytesValue();
        break;
    }
  }
  fields.require(D_PUBKEY, 'pubkey');
  fields.require(D_ALIAS, 'alias');
  fields.require(D_PURPOSE, 'purpose');
  fields.require(D_KEY_TYPE, 'key type');
  fields.require(D_PROTECTION, 'protection');
  if (unknown.length > 0) d.unknownFields = unknown;
  return d as Device;
}

/**
 * Decodes a record of any version as a build of `version` would: fields newer than `version`
 * are kept verbatim in `unknownFields` (and written back by `encodeAnchor`). Structural checks
 * only; business rules are not re-validated (legacy anchors may break newer rules).
 */
export function decodeAnchor(
  bytes: Uint8Array,
  version: RecordVersion = RECORD_VERSION,
): DecodeResult<Anchor> {
  return catchDecodeFailure(() => {
    const { fields: r } = openFrame(bytes, version, 'anchor record');
    const known = anchorFieldsOf(version);
    const fields = new FieldSet('anchor');
    let number: bigint | undefined;
    let name: string | undefined;
    let identityMetadata: MetadataMap | undefined;
    const devices: Device[] = [];
    const unknown: Uint8Array[] = [];
    while (!r.done()) {
      const key = r.next();
      if (!known.includes(key.field)) {
        r.skip(key.wireType);
        unknown.push(r.rawSince(key.start));
      } else if (key.field === A_NUMBER) {
        fields.expect(key, WIRE_VARINT);
        number = r.varBigint();
      } else if (key.field === A_DEVICE) {
        fields.expect(key, WIRE_BYTES, true);
        devices.push(readDevice(r.message(), version));
      } else if (key.field === A_IDENTITY_METADATA) {
        fields.expect(key, WIRE_BYTES);
        identityMetadata = readMetadata(r.message());
      } else {
        fields.expect(key, WIRE_BYTES);
        name = r.stringValue();
      }
    }
    fields.require(A_NUMBER, 'anchor number');
    const anchor: { -readonly [K in keyof Anchor]: Anchor[K] } = { number: number!, devices };
    if (name !== undefined) anchor.name = name;
    if (identityMetadata !== undefined) anchor.identityMetadata = identityMetadata;
    if (unknown.length > 0) anchor.unknownFields = unknown;
    return anchor as Anchor;
  });
}
