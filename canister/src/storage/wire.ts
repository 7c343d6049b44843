/**
 * A minimal protobuf-like wire format: a record is a list of fields, each `key = field << 3 |
 * wireType` (varint) then a varint value (wire type 0) or a length-prefixed payload (wire type 2).
 * Any reader can skip a field it does not know, which is what lets an older build read a record
 * written by a newer one. Varints are LEB128, so small numbers and lengths take one byte.
 */
import { decodeUtf8, utf8 } from '../bytes.js';

export const WIRE_VARINT = 0;
export const WIRE_BYTES = 2;
export type WireType = typeof WIRE_VARINT | typeof WIRE_BYTES;

const U64_MAX = 2n ** 64n - 1n;
/** Bound for lengths and small numbers: records are a few KiB, anything larger is corruption. */
const MAX_SMALL = 0x7fffffff;

export type DecodeErrorCode =
  | 'TooShort'
  | 'ChecksumMismatch'
  | 'InvalidVersion'
  | 'UnsupportedVersion'
  | 'Malformed'
  | 'MissingField'
  | 'DuplicateField'
  | 'InvalidValue';

export interface DecodeError {
  readonly code: DecodeErrorCode;
  readonly message: string;
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

/** Thrown inside the codecs only; the public decoders turn it into a `DecodeResult`. */
export class DecodeFailure extends Error {
  constructor(
    readonly code: DecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function catchDecodeFailure<T>(decode: () => T): DecodeResult<T> {
  try {
    return { ok: true, value: decode() };
  } catch (e) {
    if (e instanceof DecodeFailure)
      return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}

export class WireWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  varint(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > MAX_SMALL)
      throw new RangeError(`varint out of range: ${n}`);
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    this.byte(n);
  }

  varBigint(n: bigint): void {
    if (n < 0n || n > U64_MAX) throw new RangeError(`nat64 out of range: ${n}`);
    while (n >= 0x80n) {
      this.byte(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.byte(Number(n));
  }

  private key(field: number, wireType: WireType): void {
    this.varint(field * 8 + wireType);
  }

  fieldVarint(field: number, n: number): void {
    this.key(field, WIRE_VARINT);
    this.varint(n);
  }

  fieldBigint(field: number, n: bigint): void {
    this.key(field, WIRE_VARINT);
    this.varBigint(n);
  }

  fieldBytes(field: number, bytes: Uint8Array): void {
    this.key(field, WIRE_BYTES);
    this.varint(bytes.length);
    this.raw(bytes);
  }

  fieldString(field: number, s: string): void {
    this.fieldBytes(field, utf8(s));
  }

  fieldMessage(field: number, write: (w: WireWriter) => void): void {
    const nested = new WireWriter();
    write(nested);
    this.fieldBytes(field, nested.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export interface FieldKey {
  readonly field: number;
  readonly wireType: WireType;
  /** Offset of the key, so the whole field can be kept verbatim with `rawSince`. */
  readonly start: number;
}

export class WireReader {
  constructor(
    private readonly bytes: Uint8Array,
    private pos = 0,
    private readonly end = bytes.length,
  ) {}

  done(): boolean {
    return this.pos >= this.end;
  }

  private byte(): number {
    if (this.pos >= this.end) throw new DecodeFailure('Malformed', 'unexpected end of record');
    return this.bytes[this.pos++];
  }

  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (n > MAX_SMALL) throw new DecodeFailure('Malformed', 'varint too large');
      if ((b & 0x80) === 0) return n;
      scale *= 128;
    }
  }

  varBigint(): bigint {
    let n = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      n |= BigInt(b & 0x7f) << shift;
      if (n > U64_MAX) throw new DecodeFailure('Malformed', 'nat64 varint too large');
      if ((b & 0x80) === 0) return n;
      shift += 7n;
      if (shift > 63n) throw new DecodeFailure('Malformed', 'nat64 varint too long');
    }
  }

  next(): FieldKey {
    const start = this.pos;
    const key = this.varint();
    const wireType = key & 7;
    const field = Math.floor(key / 8);
    if (wireType !== WIRE_VARINT && wireType !== WIRE_BYTES) {
      throw new DecodeFailure('Malformed', `unknown wire type ${wireType} for field ${field}`);
    }
    if (field === 0) throw new DecodeFailure('Malformed', 'field number 0');
    return { field, wireType, start };
  }

  private span(): [number, number] {
    const len = this.varint();
    if (len > this.end - this.pos)
      throw new DecodeFailure('Malformed', 'field length past end of record');
    const from = this.pos;
    this.pos += len;
    return [from, this.pos];
  }

  /** A copy, so decoded values never alias the (reused) buffer they were read from. */
  bytesValue(): Uint8Array {
    const [from, to] = this.span();
    return this.bytes.slice(from, to);
  }

  stringValue(): string {
    const s = decodeUtf8(this.bytesValue());
    if (s === undefined) throw new DecodeFailure('Malformed', 'string is not valid UTF-8');
    return s;
  }

  message(): WireReader {
    const [from, to] = this.span();
    return new WireReader(this.bytes, from, to);
  }

  skip(wireType: WireType): void {
    if (wireType === WIRE_VARINT) this.varBigintUnbounded();
    else this.span();
  }

  private varBigintUnbounded(): void {
    for (let i = 0; i < 10; i++) if ((this.byte() & 0x80) === 0) return;
    throw new DecodeFailure('Malformed', 'varint too long');
  }

  rawSince(start: number): Uint8Array {
    return this.bytes.slice(start, this.pos);
  }
}

/** Reads one message's fields, enforcing wire types, single occurrence and presence. */
export class FieldSet {
  private readonly seen = new Set<number>();
  constructor(private readonly what: string) {}

  expect(key: FieldKey, wireType: WireType, repeated = false): void {
    if (key.wireType !== wireType) {
      throw new DecodeFailure(
        'Malformed',
        `${this.what}: field ${key.field} has wire type ${key.wireType}`,
      );
    }
    if (!repeated && this.seen.has(key.field)) {
      throw new DecodeFailure('DuplicateField', `${this.what}: field ${key.field} appears twice`);
    }
    this.seen.add(key.field);
  }

  require(field: number, name: string): void {
    if (!this.seen.has(field))
      throw new DecodeFailure('MissingField', `${this.what}: ${name} is missing`);
  }
}
