/**
 * Strict check of a Candid message before it is decoded.
 *
 * The decoder the canister runs (`@dfinity/candid` inside Azle) is lenient: a blob whose declared
 * length runs past the end of the message comes back shorter instead of failing ("read of 18
 * bytes with 6 left" is accepted), and a `vec reserved` of 2^32 elements is decoded one element at
 * a time. So every argument is first walked here, against the Candid binary format itself: the
 * type table, the argument types, and every value by its wire type, with no byte missing or left
 * over, text that is UTF-8, bool 0 or 1, principals of at most 29 bytes, variant indices in range.
 * Decoding work is bounded as the IC's own decoders bound it: a budget of values (each value, also
 * a zero-sized `null` or `reserved` element, costs one; a blob costs one) and a nesting depth.
 * Whether the wire types fit the method's types (subtyping) is left to the decoder that follows.
 *
 * Reference: the Candid specification, "Binary Format"
 * (github.com/dfinity/candid/blob/master/spec/Candid.md).
 */
import { CandidError } from './errors.js';

export { CANDID_ERRORS, CandidError, type CandidErrorCode } from './errors.js';

export interface CandidLimits {
  /** Values the message may hold in all (every element of a vec counts; a blob counts once). */
  maxValues: number;
  /** Nesting of values (each opt, vec, record, variant level) and of types in the table. */
  maxDepth: number;
}

/**
 * Generous for every method of this canister: a DeviceData at the anchor size limit holds a few
 * hundred values, an HTTP request with 100 headers a few thousand; the metadata depth limit
 * (8 levels) is about 26 Candid levels.
 */
export const DEFAULT_LIMITS: CandidLimits = { maxValues: 200_000, maxDepth: 64 };

// Primitive type codes (negative SLEB128 values).
const T_NULL = -1;
const T_BOOL = -2;
const T_NAT = -3;
const T_INT = -4;
const T_NAT8 = -5;
const T_NAT16 = -6;
const T_NAT32 = -7;
const T_NAT64 = -8;
const T_INT8 = -9;
const T_INT16 = -10;
const T_INT32 = -11;
const T_INT64 = -12;
const T_FLOAT32 = -13;
const T_FLOAT64 = -14;
const T_TEXT = -15;
const T_RESERVED = -16;
const T_EMPTY = -17;
const T_PRINCIPAL = -24;
// Composite type codes (only in the type table).
const C_OPT = -18;
const C_VEC = -19;
const C_RECORD = -20;
const C_VARIANT = -21;
const C_FUNC = -22;
const C_SERVICE = -23;

/** Fixed-width primitives and their sizes in bytes. */
const FIXED: ReadonlyMap<number, number> = new Map([
  [T_BOOL, 1],
  [T_NAT8, 1],
  [T_NAT16, 2],
  [T_NAT32, 4],
  [T_NAT64, 8],
  [T_INT8, 1],
  [T_INT16, 2],
  [T_INT32, 4],
  [T_INT64, 8],
  [T_FLOAT32, 4],
  [T_FLOAT64, 8],
]);

const MAX_PRINCIPAL_BYTES = 29;
/** LEB128 numbers used as lengths, counts and indices must fit in 2^53. */
const MAX_LEB_BYTES_SMALL = 8;
/** `nat`/`int` values: arbitrary precision in Candid, but nothing here needs over 1,024 bits. */
const MAX_LEB_BYTES_BIG = 147;

type TypeEntry =
  | { kind: 'opt' | 'vec'; inner: number }
  | { kind: 'record' | 'variant'; fields: number[] }
  | { kind: 'func' }
  | { kind: 'service' };

class Reader {
  pos = 0;
  values = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly limits: CandidLimits,
  ) {}

  need(n: number): void {
    if (n > this.bytes.length - this.pos) {
      throw new CandidError(
        'II_ERR_CANDID_TRUNCATED',
        `need ${n} bytes at offset ${this.pos}, ${this.bytes.length - this.pos} left`,
      );
    }
  }

  byte(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  /** Unsigned LEB128 that must fit in a safe integer (a length, count or index). */
  leb(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < MAX_LEB_BYTES_SMALL; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (!Number.isSafeInteger(result)) break;
        return result;
      }
      scale *= 128;
    }
    throw new CandidError('II_ERR_CANDID_LEB', `at offset ${this.pos}`);
  }

  /** Signed LEB128 that must fit in a safe integer (a type code or type index). */
  sleb(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < MAX_LEB_BYTES_SMALL; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= scale;
        if (!Number.isSafeInteger(result)) break;
        return result;
      }
    }
    throw new CandidError('II_ERR_CANDID_LEB', `at offset ${this.pos}`);
  }

  /** Skips an arbitrary-precision LEB128 (`nat` or `int` value). */
  bigLeb(): void {
    for (let i = 0; i < MAX_LEB_BYTES_BIG; i++) if ((this.byte() & 0x80) === 0) return;
    throw new CandidError('II_ERR_CANDID_LEB', `a number longer than ${MAX_LEB_BYTES_BIG} bytes`);
  }

  /** A length followed by that many bytes of UTF-8. */
  text(): void {
    const len = this.leb();
    this.need(len);
    if (!isUtf8(this.bytes, this.pos, this.pos + len))
      throw new CandidError('II_ERR_CANDID_TEXT', `at offset ${this.pos}`);
    this.pos += len;
  }

  /** Fails unless `n` more values fit in the budget. */
  afford(n: number): void {
    if (this.values + n > this.limits.maxValues)
      throw new CandidError('II_ERR_CANDID_COST', `more than ${this.limits.maxValues}`);
  }

  count(): void {
    this.afford(1);
    this.values++;
  }
}

/** Well-formed UTF-8 in bytes[start, end): no overlong forms, surrogates or code points > U+10FFFF. */
function isUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const b0 = bytes[i];
    if (b0 < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let min: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) [need, cp, min] = [1, b0 & 0x1f, 0x80];
    else if (b0 >= 0xe0 && b0 <= 0xef) [need, cp, min] = [2, b0 & 0x0f, 0x800];
    else if (b0 >= 0xf0 && b0 <= 0xf4) [need, cp, min] = [3, b0 & 0x07, 0x10000];
    else return false;
    if (i + need >= end) return false; // truncated sequence
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      if ((b & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    i += need + 1;
  }
  return true;
}

function isPrimitive(code: number): boolean {
  return (code <= T_NULL && code >= T_EMPTY) || code === T_PRINCIPAL;
}

function readTypeTable(r: Reader): TypeEntry[] {
  const n = r.leb();
  // Each entry takes at least two bytes: a longer table than the message is malformed.
  if (n > r.bytes.length) throw new CandidError('II_ERR_CANDID_TYPE', `${n} entries`);
  const table: TypeEntry[] = [];
  const refs: number[] = [];
  const typeRef = (): number => {
    const t = r.sleb();
    if (t >= 0) refs.push(t);
    else if (!isPrimitive(t)) throw new CandidError('II_ERR_CANDID_TYPE', `type code ${t}`);
    return t;
  };
  for (let i = 0; i < n; i++) {
    const op = r.sleb();
    switch (op) {
      case C_OPT:
      case C_VEC:
        table.push({ kind: op === C_OPT ? 'opt' : 'vec', inner: typeRef() });
        break;
      case C_RECORD:
      case C_VARIANT: {
        const count = r.leb();
        const fields: number[] = [];
        let last = -1;
        for (let f = 0; f < count; f++) {
          const id = r.leb();
          // Field ids are 32-bit hashes, strictly increasing.
          if (id > 0xffffffff || id <= last)
            throw new CandidError('II_ERR_CANDID_TYPE', `field id ${id} after ${last}`);
          last = id;
          fields.push(typeRef());
        }
        table.push({ kind: op === C_RECORD ? 'record' : 'variant', fields });
        break;
      }
      case C_FUNC: {
        for (let k = r.leb(); k > 0; k--) typeRef();
        for (let k = r.leb(); k > 0; k--) typeRef();
        for (let k = r.leb(); k > 0; k--) {
          const a = r.byte();
          if (a < 1 || a > 3) throw new CandidError('II_ERR_CANDID_TYPE', `func annotation ${a}`);
        }
        table.push({ kind: 'func' });
        break;
      }
      case C_SERVICE: {
        for (let k = r.leb(); k > 0; k--) {
          r.text();
          typeRef();
        }
        table.push({ kind: 'service' });
        break;
      }
      default:
        throw new CandidError('II_ERR_CANDID_TYPE', `entry ${i} has type code ${op}`);
    }
  }
  for (const t of refs)
    if (t >= table.length) throw new CandidError('II_ERR_CANDID_TYPE', `index ${t} out of range`);
  return table;
}

function principalValue(r: Reader): void {
  const flag = r.byte();
  if (flag !== 1) throw new CandidError('II_ERR_CANDID_VALUE', 'opaque or invalid principal');
  const len = r.leb();
  if (len > MAX_PRINCIPAL_BYTES)
    throw new CandidError('II_ERR_CANDID_VALUE', `principal of ${len} bytes`);
  r.skip(len);
}

function value(r: Reader, table: TypeEntry[], t: number, depth: number): void {
  if (depth > r.limits.maxDepth)
    throw new CandidError('II_ERR_CANDID_DEPTH', `deeper than ${r.limits.maxDepth}`);
  r.count();
  if (t < 0) {
    const width = FIXED.get(t);
    if (width !== undefined) {
      if (t === T_BOOL) {
        if (r.byte() > 1) throw new CandidError('II_ERR_CANDID_VALUE', 'bool other than 0 or 1');
      } else r.skip(width);
      return;
    }
    switch (t) {
      case T_NULL:
      case T_RESERVED:
        return;
      case T_NAT:
      case T_INT:
        return r.bigLeb();
      case T_TEXT:
        return r.text();
      case T_PRINCIPAL:
        return principalValue(r);
      case T_EMPTY:
        throw new CandidError('II_ERR_CANDID_VALUE', 'a value of type empty');
    }
    throw new CandidError('II_ERR_CANDID_TYPE', `type code ${t}`);
  }
  const entry = table[t];
  switch (entry.kind) {
    case 'opt': {
      const tag = r.byte();
      if (tag > 1) throw new CandidError('II_ERR_CANDID_VALUE', `opt tag ${tag}`);
      if (tag === 1) value(r, table, entry.inner, depth + 1);
      return;
    }
    case 'vec': {
      const n = r.leb();
      if (entry.inner === T_NAT8) return r.skip(n); // a blob: one value
      // Checked up front, so a huge declared length fails before any element is read.
      r.afford(n);
      for (let i = 0; i < n; i++) value(r, table, entry.inner, depth + 1);
      return;
    }
    case 'record':
      for (const f of entry.fields) value(r, table, f, depth + 1);
      return;
    case 'variant': {
      const i = r.leb();
      if (i >= entry.fields.length)
        throw new CandidError(
          'II_ERR_CANDID_VALUE',
          `variant index ${i} of ${entry.fields.length}`,
        );
      return value(r, table, entry.fields[i], depth + 1);
    }
    case 'func': {
      if (r.byte() !== 1) throw new CandidError('II_ERR_CANDID_VALUE', 'opaque func reference');
      principalValue(r);
      return r.text();
    }
    case 'service':
      return principalValue(r);
  }
}

/**
 * Throws a `CandidError` unless `bytes` is one well-formed Candid message whose values are all
 * within `limits`. Returns the number of arguments it carries.
 */
export function validateCandidMessage(
  bytes: Uint8Array,
  limits: CandidLimits = DEFAULT_LIMITS,
): number {
  const r = new Reader(bytes, limits);
  r.need(4);
  if (bytes[0] !== 0x44 || bytes[1] !== 0x49 || bytes[2] !== 0x44 || bytes[3] !== 0x4c)
    throw new CandidError('II_ERR_CANDID_MAGIC');
  r.pos = 4;
  const table = readTypeTable(r);
  const argc = r.leb();
  if (argc > bytes.length) throw new CandidError('II_ERR_CANDID_TYPE', `${argc} arguments`);
  const args: number[] = [];
  for (let i = 0; i < argc; i++) {
    const t = r.sleb();
    if (t >= table.length || (t < 0 && !isPrimitive(t)))
      throw new CandidError('II_ERR_CANDID_TYPE', `argument ${i} has type ${t}`);
    args.push(t);
  }
  for (const t of args) value(r, table, t, 0);
  if (r.pos !== bytes.length)
    throw new CandidError('II_ERR_CANDID_TRAILING', `${bytes.length - r.pos} bytes`);
  return argc;
}
