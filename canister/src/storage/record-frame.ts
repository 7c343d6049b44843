/**
 * Every stored record is framed as
 *   [format version: u8] [min reader version: u8] [fields…] [CRC-32 of everything before: u32 BE]
 * The version says which build wrote it; "min reader version" lets a future build mark a record
 * that older builds must refuse rather than misread (a breaking change). Additive changes keep
 * it at 1, so every older build can still read (and skip the new fields of) newer records.
 */
import { crc32 } from '../crc32.js';
import { DecodeFailure, WireReader, WireWriter } from './wire.js';

const HEADER = 2;
const TRAILER = 4;

export function encodeFrame(
  version: number,
  minReaderVersion: number,
  write: (w: WireWriter) => void,
): Uint8Array {
  const w = new WireWriter();
  w.byte(version);
  w.byte(minReaderVersion);
  write(w);
  const body = w.finish();
  const out = new Uint8Array(body.length + TRAILER);
  out.set(body);
  const crc = crc32(body);
  out[body.length] = crc >>> 24;
  out[body.length + 1] = (crc >>> 16) & 0xff;
  out[body.length + 2] = (crc >>> 8) & 0xff;
  out[body.length + 3] = crc & 0xff;
  return out;
}

export interface OpenedFrame {
  readonly version: number;
  readonly fields: WireReader;
}

/** Checks length, checksum and versions; throws `DecodeFailure` (caught by the public decoders). */
export function openFrame(bytes: Uint8Array, readerVersion: number, what: string): OpenedFrame {
  if (bytes.length < HEADER + TRAILER) {
    throw new DecodeFailure(
      'TooShort',
      `${what}: ${bytes.length} bytes is shorter than any record`,
    );
  }
  const end = bytes.length - TRAILER;
  const stored =
    ((bytes[end] << 24) | (bytes[end + 1] << 16) | (bytes[end + 2] << 8) | bytes[end + 3]) >>> 0;
  if (crc32(bytes, 0, end) !== stored) {
    throw new DecodeFailure(
      'ChecksumMismatch',
      `${what}: checksum mismatch (corrupted or truncated record)`,
    );
  }
  const version = bytes[0];
  const minReader = bytes[1];
  if (version === 0 || minReader === 0 || minReader > version) {
    throw new DecodeFailure(
      'InvalidVersion',
      `${what}: invalid version header ${version}/${minReader}`,
    );
  }
  if (minReader > readerVersion) {
    throw new DecodeFailure(
      'UnsupportedVersion',
      `${what}: written by format version ${version}, which needs a reader of version ${minReader} or newer (this build reads ${readerVersion})`,
    );
  }
  return { version, fields: new WireReader(bytes, HEADER, end) };
}
