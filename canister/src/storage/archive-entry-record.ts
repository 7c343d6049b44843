/**
 * An archive entry as stored: in II's buffer until the archive acknowledges it (key: its sequence
 * number), and in the archive canister's log (key: its position). Framed and versioned like
 * anchor records (record-frame.ts):
 *   1: sequence number   2: anchor number   3: timestamp (ns)   4: entry (Candid `ArchiveEntry`)
 */
import { encodeFrame, openFrame } from './record-frame.js';
import {
  catchDecodeFailure,
  type DecodeResult,
  FieldSet,
  WIRE_BYTES,
  WIRE_VARINT,
} from './wire.js';

const VERSION = 1;
const MIN_READER_VERSION = 1;

export interface StoredArchiveEntry {
  readonly sequenceNumber: bigint;
  readonly anchorNumber: bigint;
  readonly timestamp: bigint;
  /** The Candid-encoded `ArchiveEntry`, as the archive receives it. */
  readonly entry: Uint8Array;
}

export function encodeArchiveEntry(e: StoredArchiveEntry): Uint8Array {
  return encodeFrame(VERSION, MIN_READER_VERSION, (w) => {
    w.fieldBigint(1, e.sequenceNumber);
    w.fieldBigint(2, e.anchorNumber);
    w.fieldBigint(3, e.timestamp);
    w.fieldBytes(4, e.entry);
  });
}

export function decodeArchiveEntry(bytes: Uint8Array): DecodeResult<StoredArchiveEntry> {
  return catchDecodeFailure(() => {
    const { fields: r } = openFrame(bytes, VERSION, 'archive entry');
    const fields = new FieldSet('archive entry');
    const nums = new Map<number, bigint>();
    let entry: Uint8Array | undefined;
    while (!r.done()) {
      const key = r.next();
      if (key.field >= 1 && key.field <= 3) {
        fields.expect(key, WIRE_VARINT);
        nums.set(key.field, r.varBigint());
      } else if (key.field === 4) {
        fields.expect(key, WIRE_BYTES);
        entry = r.bytesValue();
      } else r.skip(key.wireType);
    }
    fields.require(1, 'sequence number');
    fields.require(2, 'anchor number');
    fields.require(3, 'timestamp');
    fields.require(4, 'entry');
    return {
      sequenceNumber: nums.get(1)!,
      anchorNumber: nums.get(2)!,
      timestamp: nums.get(3)!,
      entry: entry!,
    };
  });
}
