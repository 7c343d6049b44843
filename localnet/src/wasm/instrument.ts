/**
 * Instruction metering: rewrites a canister module so that it counts the instructions it executes
 * as the IC's replica does, and stops once the message's budget is spent.
 *
 * The model is the replica's (dfinity/ic, rs/embedders/src/wasm_utils/instrumentation.rs):
 * - A mutable i64 global (exported as `localnet:instructions`) holds the budget left; the runtime
 *   sets it before each message and reads it after.
 * - Each function body is cut into straight-line blocks. A block starts at function entry and
 *   after `loop`, `if`, `else`, `end`, `br`, `br_if`, `br_table`, `return`, `unreachable` and the
 *   tail calls; calls do not end a block. On entry a block subtracts its whole static cost.
 * - Function entries and loop headers, where execution can repeat, then check the budget: when
 *   it is negative the code executes `unreachable`, which the runtime reports as the IC's
 *   instruction-limit error because the budget is negative.
 * - memory.fill/copy/init and table.fill/copy/init also subtract their length operand at run time
 *   (one per byte or element), through a helper function appended to the module.
 * - Static costs are the IC's `instruction_to_cost` table: 1 for most instructions; 0 for block,
 *   loop, else, end; 2 for branches, if and global.get/set; 5 call, 10 call_indirect, 10 integer
 *   division and remainder, 20 memory.size, 300 memory.grow, 100 bulk memory, 20 float
 *   truncation, 130 ref.func, ...; plus 1 per function call (the IC starts each function at 1).
 * - ic0 calls are charged by the host (system-api.ts), with the IC's fixed overhead plus bytes.
 *
 * Where this differs from the IC: SIMD instructions cost 1 each (the IC weighs a few at 2-14); the
 * budget check traps with `unreachable` instead of calling an injected `out_of_instructions`
 * import (adding an import would renumber every function); the IC's memory-growth and dirty-page
 * charges are not made (localnet's own page marking, `dirtyPages`, is for rollback and is not
 * charged); there is no deterministic time slicing (a message runs to its limit at once); and the
 * compilation cost the IC deducts from an install's budget is not charged.
 * A start function is removed from the start section and exported as `localnet:start` so the
 * runtime runs it with a budget, as the IC does with `canister_start`.
 *
 * Why a hand-written rewriter rather than Binaryen: only the code section changes, and only by
 * insertions at instruction boundaries, so one linear pass over the bytes suffices; locals, data
 * and every other section are copied. Binaryen has to parse the module into its IR and print it
 * back, and also rewrites what we do not touch: on the 3.5 MB Azle fixture its readBinary plus
 * emitBinary alone, with no pass, took 0.5-1.3 s, where this whole rewrite takes 0.05-0.3 s.
 */
import { WasmParseError } from './errors.js';
import { readU32Leb, skipLeb, writeSignedLeb, writeU32Leb } from './wasm-leb128.js';
import {
  SECTION_ORDER,
  type Section,
  concat,
  readName,
  readSections,
  skipLimits,
  skipValType,
} from './patch-exports.js';

export const COUNTER_EXPORT = 'localnet:instructions';
export const START_EXPORT = 'localnet:start';
export const DIRTY_TABLE_EXPORT = 'localnet:dirty-marks';
/** The two most recently marked pages (a store to either needs no mark). */
export const DIRTY_LAST_EXPORTS = ['localnet:dirty-last', 'localnet:dirty-last2'];

export interface InstrumentOptions {
  /**
   * Also record the heap pages each message writes (see dirty-pages.ts): before every store a
   * 4 KiB page number is computed and, when it is neither of the last two marked, passed to a
   * marking function through an added table; memory.fill/copy/init mark their whole range.
   * Left out for 64-bit memories (those keep the full-heap copy).
   */
  dirtyPages?: boolean;
}

export interface InstrumentedModule {
  bytes: Uint8Array;
  /** Name of the exported i64 global that holds the budget left. */
  counterExport: string;
  /** Export name of the former start function, if the module had one. */
  startExport?: string;
  /** Charge points injected (for benchmarks and tests). */
  chargePoints: number;
  /** Set when stores were instrumented for dirty-page tracking. */
  dirty?: {
    /** A funcref table of two slots: mark(page), markRange(start, length). */
    tableExport: string;
    /** The mutable i32 globals caching the last two pages marked (-1: none). */
    lastExports: string[];
  };
  /** Stores and bulk-memory instructions given a page mark. */
  markPoints: number;
}

const textEncoder = new TextEncoder();

// ---- static costs (the IC's instruction_to_cost) ----

const COST = new Uint16Array(256).fill(1);
for (const op of [0x02, 0x03, 0x05, 0x0b]) COST[op] = 0; // block, loop, else, end
for (const op of [0x04, 0x0c, 0x0d, 0x0e, 0x23, 0x24]) COST[op] = 2; // if, br*, global.get/set
COST[0x10] = 5; // call
COST[0x11] = 10; // call_indirect
COST[0x12] = 3; // return_call
COST[0x13] = 60; // return_call_indirect
COST[0x25] = COST[0x26] = 5; // table.get/set
COST[0x3f] = 20; // memory.size
COST[0x40] = 300; // memory.grow
for (const op of [0x6d, 0x6e, 0x6f, 0x70, 0x7f, 0x80, 0x81, 0x82]) COST[op] = 10; // div, rem
for (let op = 0x5b; op <= 0x66; op++) COST[op] = 3; // float comparisons
// f32 and f64 arithmetic: abs/neg 1, rounding/add/sub/mul 2, then div, min/max, copysign, sqrt.
for (const op of [0x8d, 0x8e, 0x8f, 0x90, 0x92, 0x93, 0x94, 0x98]) COST[op] = 2;
for (const op of [0x9b, 0x9c, 0x9d, 0x9e, 0xa0, 0xa1, 0xa2]) COST[op] = 2;
COST[0x91] = 5; // f32.sqrt
COST[0x95] = 3; // f32.div
COST[0x96] = COST[0x97] = 18; // f32.min/max
COST[0x9f] = 8; // f64.sqrt
COST[0xa3] = 5; // f64.div
COST[0xa4] = COST[0xa5] = 18; // f64.min/max
COST[0xa6] = 3; // f64.copysign
for (const op of [0xa8, 0xa9, 0xaa, 0xab, 0xae, 0xaf, 0xb0, 0xb1]) COST[op] = 20; // trapping truncations
for (const op of [0xb2, 0xb4, 0xb7, 0xb9]) COST[op] = 3; // convert from signed
for (const op of [0xb3, 0xb5, 0xb8, 0xba]) COST[op] = 16; // convert from unsigned
COST[0xd1] = 5; // ref.is_null
COST[0xd2] = 130; // ref.func

/** Costs of the 0xFC-prefixed instructions by sub-opcode: saturating truncations, bulk memory, tables. */
const FC_COST = [20, 20, 20, 20, 20, 20, 20, 20, 100, 300, 100, 100, 100, 300, 100, 300, 100, 100];

// ---- output buffer ----

class ByteWriter {
  buf: Uint8Array;
  len = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(capacity, 64));
  }
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  copy(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.ensure(n);
    // Most copies are a few instructions long: a loop beats creating a subarray view.
    if (n < 64) {
      const buf = this.buf;
      let at = this.len;
      for (let i = start; i < end; i++) buf[at++] = src[i]!;
    } else {
      this.buf.set(src.subarray(start, end), this.len);
    }
    this.len += n;
  }
  bytes(b: Uint8Array): void {
    this.copy(b, 0, b.length);
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

// ---- the code rewrite ----

const STATIC = 0;
const REENTRANT = 1;
const DYNAMIC32 = 2;
const DYNAMIC64 = 3;
/** memory.fill/copy/init: the charge, then a mark of the range they write. */
const DYNAMIC32_MEM = 4;
/** A store of the value type STORE_BASE + (0 i32, 1 i64, 2 f32, 3 f64, 4 v128); cost[] holds its offset. */
const STORE_BASE = 5;
const V128 = 4;
/** Value type bytes of the scratch locals, in the order of the STORE_BASE value types. */
const STORE_VALTYPES = [0x7f, 0x7e, 0x7d, 0x7c, 0x7b];
/** Stores by opcode 0x36-0x3e: their value type (index into STORE_VALTYPES). */
const STORE_TYPE = [0, 1, 2, 3, 0, 0, 1, 1, 1];

/** The 4 KiB page a heap address lies in: address >> 12. */
export const DIRTY_PAGE_SHIFT = 12;

interface CodeContext {
  /** Cost of a load or store: 1 with 32-bit memory, 2 with 64-bit memory (as on the IC). */
  memCost: number;
  memory64: boolean;
  globalGet: Uint8Array;
  globalSet: Uint8Array;
  helper32: Uint8Array;
  helper64: Uint8Array;
  used32: boolean;
  used64: boolean;
  points: number;
  /** Dirty-page tracking; undefined when off. */
  track?: {
    /** Parameter count of each defined function (locals are numbered after them). */
    params: number[];
    lastGet: Uint8Array;
    lastSet: Uint8Array;
    prevGet: Uint8Array;
    prevSet: Uint8Array;
    /** call_indirect immediates (type, table) of mark(page) and markRange(start, length). */
    markCall: Uint8Array;
    rangeCall: Uint8Array;
    /** call of the appended function that checks the second cached page and marks. */
    slowCall: Uint8Array;
    points: number;
  };
}

/** Skips a block type: empty (0x40), a value type, or a type index (s33). */
function skipBlockType(b: Uint8Array, p: number): number {
  const t = b[p]!;
  if (t === 0x63 || t === 0x64) return skipLeb(b, p + 1);
  return skipLeb(b, p);
}

/** Skips a memarg; bit 6 of the alignment announces a memory index (multi-memory). */
function skipMemarg(b: Uint8Array, p: number): number {
  const align = b[p]!; // one byte: valid alignments and the flag are all below 0x80
  if (align & 0x80) throw new WasmParseError(`bad memarg alignment at offset ${p}`);
  const r = align & 0x40 ? skipLeb(b, p + 1) : p + 1;
  return skipLeb(b, r);
}

function unsupported(op: string, at: number): never {
  throw new WasmParseError(`cannot instrument opcode ${op} at offset ${at}`);
}

/**
 * Rewrites one function body (`start`..`end`, after its size) into `out`, with charge points.
 * Block-start entries are recorded when a block opens and their cost filled in when it closes,
 * so entries stay in code order without sorting.
 */
function instrumentBody(
  input: Uint8Array,
  start: number,
  end: number,
  ctx: CodeContext,
  out: ByteWriter,
  pos: number[],
  kind: number[],
  cost: number[],
  funcIndex: number,
): void {
  const [groups, localsStart] = readU32Leb(input, start);
  let p = localsStart;
  let declared = 0;
  for (let i = 0; i < groups; i++) {
    const [n, r] = readU32Leb(input, p);
    declared += n;
    p = skipValType(input, r);
  }
  const exprStart = p;
  const track = ctx.track;
  let marks = 0;
  let usesV128 = false;

  pos.length = kind.length = cost.length = 0;
  pos.push(exprStart);
  kind.push(REENTRANT);
  cost.push(0);
  let current = 0;
  let acc = 1; // the IC starts every function at one instruction
  // Set by the switch, applied after it (plain locals: a closure would keep them in a context).
  let splitKind: number;
  let dynamicKind: number;

  let lastOp = -1;
  while (p < end) {
    const at = p;
    const op = input[p++]!;
    lastOp = op;
    acc += COST[op]!;
    splitKind = -1;
    dynamicKind = -1;
    switch (op) {
      case 0x00: // unreachable
      case 0x0f: // return
      case 0x05: // else
      case 0x0b: // end
        splitKind = STATIC;
        break;
      case 0x01: // nop
      case 0x1a: // drop
      case 0x1b: // select
      case 0xd1: // ref.is_null
        break;
      case 0x02: // block
        p = skipBlockType(input, p);
        break;
      case 0x03: // loop
        p = skipBlockType(input, p);
        splitKind = REENTRANT;
        break;
      case 0x04: // if
        p = skipBlockType(input, p);
        splitKind = STATIC;
        break;
      case 0x0c: // br
      case 0x0d: // br_if
        p = skipLeb(input, p);
        splitKind = STATIC;
        break;
      case 0x0e: {
        // br_table: a vector of labels and a default
        let [n, r] = readU32Leb(input, p);
        while (n-- > 0) r = skipLeb(input, r);
        p = skipLeb(input, r);
        splitKind = STATIC;
        break;
      }
      case 0x10: // call
      case 0x20: // local.get
      case 0x21: // local.set
      case 0x22: // local.tee
      case 0x23: // global.get
      case 0x24: // global.set
      case 0x25: // table.get
      case 0x26: // table.set
      case 0x3f: // memory.size
      case 0x40: // memory.grow
      case 0x41: // i32.const
      case 0x42: // i64.const
      case 0xd0: // ref.null (heap type)
      case 0xd2: // ref.func
        p = skipLeb(input, p);
        break;
      case 0x11: // call_indirect: type, table
        p = skipLeb(input, skipLeb(input, p));
        break;
      case 0x12: // return_call
        p = skipLeb(input, p);
        splitKind = STATIC;
        break;
      case 0x13: // return_call_indirect
        p = skipLeb(input, skipLeb(input, p));
        splitKind = STATIC;
        break;
      case 0x1c: {
        // select with types
        let [n, r] = readU32Leb(input, p);
        while (n-- > 0) r = skipValType(input, r);
        p = r;
        break;
      }
      case 0x43: // f32.const
        p += 4;
        break;
      case 0x44: // f64.const
        p += 8;
        break;
      case 0xfc: {
        const [sub, r] = readU32Leb(input, p);
        p = r;
        if (sub > 17) unsupported(`0xfc ${sub}`, at);
        acc += FC_COST[sub]! - 1;
        switch (sub) {
          case 8: // memory.init: data, memory
            dynamicKind = track ? DYNAMIC32_MEM : DYNAMIC32;
            p = skipLeb(input, skipLeb(input, p));
            break;
          case 10: // memory.copy: two memories
            dynamicKind = ctx.memory64 ? DYNAMIC64 : track ? DYNAMIC32_MEM : DYNAMIC32;
            p = skipLeb(input, skipLeb(input, p));
            break;
          case 11: // memory.fill
            dynamicKind = ctx.memory64 ? DYNAMIC64 : track ? DYNAMIC32_MEM : DYNAMIC32;
            p = skipLeb(input, p);
            break;
          case 12: // table.init: elem, table
          case 14: // table.copy: two tables
            dynamicKind = DYNAMIC32;
            p = skipLeb(input, skipLeb(input, p));
            break;
          case 17: // table.fill
            dynamicKind = DYNAMIC32;
            p = skipLeb(input, p);
            break;
          case 9: // data.drop
          case 13: // elem.drop
          case 15: // table.grow
          case 16: // table.size
            p = skipLeb(input, p);
            break;
          default: // 0-7: saturating truncations, no immediate
            break;
        }
        break;
      }
      case 0xfd: {
        // SIMD: cost 1 each (see the header); only the immediates matter here.
        const [sub, r] = readU32Leb(input, p);
        p = r;
        if (track && (sub === 11 || (sub >= 88 && sub <= 91))) {
          // v128.store and the store-lane instructions
          pos.push(at);
          kind.push(STORE_BASE + V128);
          cost.push(memargOffset(input, p));
          usesV128 = true;
        }
        if (sub <= 11 || sub === 92 || sub === 93) p = skipMemarg(input, p);
        else if (sub === 12 || sub === 13) p += 16;
        else if (sub >= 21 && sub <= 34) p += 1;
        else if (sub >= 84 && sub <= 91) p = skipMemarg(input, p) + 1;
        break;
      }
      default:
        if (op >= 0x28 && op <= 0x3e) {
          acc += ctx.memCost - 1;
          if (track && op >= 0x36) {
            pos.push(at);
            kind.push(STORE_BASE + STORE_TYPE[op - 0x36]!);
            cost.push(memargOffset(input, p));
          }
          p = skipMemarg(input, p);
        } else if (op < 0x45 || op > 0xc4) {
          // 0x45-0xc4 are numeric instructions without immediates; anything else is a proposal
          // the IC does not run (exceptions, GC, threads, typed function references).
          unsupported(`0x${op.toString(16)}`, at);
        }
    }
    if (dynamicKind >= 0) {
      // Charged just before the instruction, with its length operand on the stack.
      pos.push(at);
      kind.push(dynamicKind);
      cost.push(0);
    } else if (splitKind >= 0) {
      // The block ends here: record its cost; the next one starts after this instruction.
      cost[current] = acc;
      acc = 0;
      current = pos.length;
      pos.push(p);
      kind.push(splitKind);
      cost.push(0);
    }
  }
  if (p !== end || lastOp !== 0x0b) {
    throw new WasmParseError(`function body at offset ${start} does not end with "end"`);
  }
  cost[current] = acc;

  // Scratch locals for the marks, numbered after the parameters and the declared locals:
  // address, page (or bulk source/value), then one per stored value type.
  const base = track ? track.params[funcIndex]! + declared : 0;
  if (track) for (const k of kind) if (k >= DYNAMIC32_MEM) marks++;
  if (marks > 0) {
    const added = usesV128 ? 5 : 4;
    out.bytes(writeU32Leb(groups + added));
    out.copy(input, localsStart, exprStart);
    out.byte(0x03); // address, page, i32 value
    out.byte(0x7f);
    for (let t = 1; t < added; t++) {
      out.byte(0x01);
      out.byte(STORE_VALTYPES[t]!);
    }
  } else {
    out.copy(input, start, exprStart);
  }
  const addr = writeU32Leb(base);
  const page = writeU32Leb(base + 1);
  const valueLocal = (t: number): Uint8Array => writeU32Leb(t === 0 ? base + 2 : base + 2 + t);

  let last = exprStart;
  for (let i = 0; i < pos.length; i++) {
    const k = kind[i]!;
    const c = cost[i]!;
    if (k <= REENTRANT && c === 0) continue;
    const at = pos[i]!;
    out.copy(input, last, at);
    last = at;
    if (k >= STORE_BASE) {
      emitStoreMark(out, track!, addr, page, valueLocal(k - STORE_BASE), c);
      track!.points++;
      continue;
    }
    ctx.points++;
    if (k === DYNAMIC32 || k === DYNAMIC32_MEM) {
      out.bytes(ctx.helper32);
      ctx.used32 = true;
      if (k === DYNAMIC32_MEM) {
        emitRangeMark(out, track!, addr, page, valueLocal(0));
        track!.points++;
      }
      continue;
    }
    if (k === DYNAMIC64) {
      out.bytes(ctx.helper64);
      ctx.used64 = true;
      continue;
    }
    // global.get C; i64.const cost; i64.sub; global.set C
    out.bytes(ctx.globalGet);
    out.byte(0x42);
    if (c < 64) out.byte(c);
    else out.bytes(writeSignedLeb(c));
    out.byte(0x7d);
    out.bytes(ctx.globalSet);
    // global.get C; i64.const 0; i64.lt_s; if; unreachable; end
    if (k === REENTRANT) {
      out.bytes(ctx.globalGet);
      out.bytes(CHECK_TAIL);
    }
  }
  out.copy(input, last, end);
}

const CHECK_TAIL = Uint8Array.of(0x42, 0x00, 0x53, 0x04, 0x40, 0x00, 0x0b);

/** The offset of a memarg (after its alignment and optional memory index). */
function memargOffset(b: Uint8Array, p: number): number {
  const align = b[p]!;
  const r = align & 0x40 ? skipLeb(b, p + 1) : p + 1;
  return readU32Leb(b, r)[0];
}

/**
 * Before a store (stack: address, value): marks the page of address + offset unless it is one of
 * the two pages marked last (QuickJS alternates between its stack and its heap). A store that crosses into the next page is covered because the runtime copies
 * 16 bytes past the end of each marked page.
 */
function emitStoreMark(
  out: ByteWriter,
  t: NonNullable<CodeContext['track']>,
  addr: Uint8Array,
  page: Uint8Array,
  value: Uint8Array,
  offset: number,
): void {
  out.byte(0x21); // local.set value
  out.bytes(value);
  out.byte(0x22); // local.tee address
  out.bytes(addr);
  if (offset !== 0) {
    out.byte(0x41); // i32.const offset; i32.add
    out.bytes(writeSignedLeb(offset | 0));
    out.byte(0x6a);
  }
  out.bytes(SHIFT_PAGE);
  out.byte(0x22); // local.tee page
  out.bytes(page);
  out.bytes(t.lastGet);
  out.bytes(NE_IF);
  out.byte(0x20); // local.get page; call markSlow
  out.bytes(page);
  out.bytes(t.slowCall);
  out.byte(0x0b); // end
  out.byte(0x20);
  out.bytes(addr);
  out.byte(0x20);
  out.bytes(value);
}

/**
 * markSlow(page), kept out of line to keep each store's added code short: unless `page` is the
 * page marked before last, it becomes the last one and is marked.
 */
function markSlowBody(t: NonNullable<CodeContext['track']>): Uint8Array {
  return concat([
    Uint8Array.of(0x00, 0x20, 0x00), // no locals; local.get 0
    t.prevGet,
    NE_IF,
    t.lastGet, // prev = last; last = page
    t.prevSet,
    Uint8Array.of(0x20, 0x00),
    t.lastSet,
    Uint8Array.of(0x20, 0x00, 0x41, 0x00), // local.get 0; i32.const 0; call_indirect mark
    t.markCall,
    Uint8Array.of(0x0b, 0x0b), // end; end
  ]);
}

/** Before memory.fill/copy/init (stack: destination, source or value, length): marks the range. */
function emitRangeMark(
  out: ByteWriter,
  t: NonNullable<CodeContext['track']>,
  addr: Uint8Array,
  second: Uint8Array,
  length: Uint8Array,
): void {
  for (const [o, l] of [
    [0x21, length],
    [0x21, second],
    [0x22, addr],
    [0x20, length],
  ] as const) {
    out.byte(o);
    out.bytes(l);
  }
  out.byte(0x41); // i32.const 1; call_indirect markRange
  out.byte(0x01);
  out.bytes(t.rangeCall);
  for (const l of [addr, second, length]) {
    out.byte(0x20);
    out.bytes(l);
  }
}

const SHIFT_PAGE = Uint8Array.of(0x41, DIRTY_PAGE_SHIFT, 0x76); // i32.const 12; i32.shr_u
const NE_IF = Uint8Array.of(0x47, 0x04, 0x40); // i32.ne; if

/** Body of the (i32) -> i32 helper: subtracts its argument from the budget, traps below zero. */
function helperBody32(get: Uint8Array, set: Uint8Array): Uint8Array {
  return concat([
    Uint8Array.of(0x00), // no locals
    get,
    Uint8Array.of(0x20, 0x00, 0xad, 0x7d), // local.get 0; i64.extend_i32_u; i64.sub
    set,
    get,
    CHECK_TAIL,
    Uint8Array.of(0x20, 0x00, 0x0b), // local.get 0; end
  ]);
}

/** Body of the (i64) -> i64 helper; saturates at i64::MIN when a huge length would wrap around. */
function helperBody64(get: Uint8Array, set: Uint8Array): Uint8Array {
  return concat([
    Uint8Array.of(0x01, 0x01, 0x7e), // one i64 local
    get,
    Uint8Array.of(0x20, 0x00, 0x7d, 0x22, 0x01), // local.get 0; i64.sub; local.tee 1
    get,
    Uint8Array.of(0x55, 0x04, 0x7e, 0x42), // i64.gt_s; if (result i64); i64.const
    writeSignedLeb(-(2n ** 63n)),
    Uint8Array.of(0x05, 0x20, 0x01, 0x0b), // else; local.get 1; end
    set,
    get,
    CHECK_TAIL,
    Uint8Array.of(0x20, 0x00, 0x0b),
  ]);
}

const withCount = (count: number, parts: Uint8Array[]): Uint8Array =>
  concat([writeU32Leb(count), ...parts]);

const sectionBytes = (id: number, content: Uint8Array): Uint8Array =>
  concat([Uint8Array.of(id), writeU32Leb(content.length), content]);

/** Rewrites a (patched) canister module for metering; see the module header. */
export function instrument(bytes: Uint8Array, options: InstrumentOptions = {}): InstrumentedModule {
  const sections = readSections(bytes);
  const find = (id: number): Section | undefined => sections.find((s) => s.id === id);

  let importedFuncs = 0;
  let importedGlobals = 0;
  let importedTables = 0;
  let memory64: boolean | undefined;
  const imports = find(2);
  if (imports) {
    let [n, p] = readU32Leb(bytes, imports.contentStart);
    while (n-- > 0) {
      [, p] = readName(bytes, p);
      [, p] = readName(bytes, p);
      const k = bytes[p++];
      if (k === 0) {
        importedFuncs++;
        p = skipLeb(bytes, p);
      } else if (k === 1) {
        importedTables++;
        p = skipLimits(bytes, skipValType(bytes, p));
      } else if (k === 2) {
        memory64 ??= (bytes[p]! & 0x04) !== 0;
        p = skipLimits(bytes, p);
      } else if (k === 3) {
        importedGlobals++;
        p = skipValType(bytes, p) + 1;
      } else if (k === 4) p = skipLeb(bytes, p + 1);
      else throw new WasmParseError(`unknown import kind ${k}`);
    }
  }
  const memories = find(5);
  if (memories && memory64 === undefined) {
    const [n, p] = readU32Leb(bytes, memories.contentStart);
    if (n > 0) memory64 = (bytes[p]! & 0x04) !== 0;
  }
  const countOf = (s: Section | undefined): number =>
    s ? readU32Leb(bytes, s.contentStart)[0] : 0;
  const types = find(1);
  const funcs = find(3);
  const globals = find(6);
  const definedFuncs = countOf(funcs);
  const typeCount = countOf(types);
  const counterIndex = importedGlobals + countOf(globals);

  const tables = find(4);
  const definedTables = countOf(tables);
  const dirtyTable = importedTables + definedTables;
  const lastIndex = counterIndex + 1;
  // Dirty-page tracking needs a 32-bit memory and plain function types (to number the locals).
  const params =
    options.dirtyPages && memory64 === false ? functionParamCounts(bytes, types, funcs) : undefined;
  const tableRef = writeU32Leb(dirtyTable);
  // Appended functions: with tracking the slow path of a store's mark, then the charge helpers.
  const markSlowIndex = importedFuncs + definedFuncs;
  const helper32Index = markSlowIndex + (params ? 1 : 0);

  const counter = writeU32Leb(counterIndex);
  const ctx: CodeContext = {
    memCost: memory64 ? 2 : 1,
    memory64: memory64 ?? false,
    globalGet: concat([Uint8Array.of(0x23), counter]),
    globalSet: concat([Uint8Array.of(0x24), counter]),
    helper32: concat([Uint8Array.of(0x10), writeU32Leb(helper32Index)]),
    helper64: concat([Uint8Array.of(0x10), writeU32Leb(helper32Index + 1)]),
    used32: false,
    used64: false,
    points: 0,
    ...(params
      ? {
          track: {
            params,
            lastGet: concat([Uint8Array.of(0x23), writeU32Leb(lastIndex)]),
            lastSet: concat([Uint8Array.of(0x24), writeU32Leb(lastIndex)]),
            prevGet: concat([Uint8Array.of(0x23), writeU32Leb(lastIndex + 1)]),
            prevSet: concat([Uint8Array.of(0x24), writeU32Leb(lastIndex + 1)]),
            slowCall: concat([Uint8Array.of(0x10), writeU32Leb(markSlowIndex)]),
            markCall: concat([Uint8Array.of(0x11), writeU32Leb(typeCount), tableRef]),
            rangeCall: concat([Uint8Array.of(0x11), writeU32Leb(typeCount + 1), tableRef]),
            points: 0,
          },
        }
      : {}),
  };

  // The code section: every body rewritten, then the helpers.
  const code = find(10);
  const out = new ByteWriter(code ? Math.ceil((code.end - code.contentStart) * 1.5) : 64);
  const scratch = new ByteWriter(1 << 16);
  const pos: number[] = [];
  const kind: number[] = [];
  const cost: number[] = [];
  let bodies = 0;
  if (code) {
    let [n, p] = readU32Leb(bytes, code.contentStart);
    bodies = n;
    while (n-- > 0) {
      const [size, bodyStart] = readU32Leb(bytes, p);
      const bodyEnd = bodyStart + size;
      if (bodyEnd > code.end) throw new WasmParseError('function body runs past the code section');
      scratch.len = 0;
      instrumentBody(bytes, bodyStart, bodyEnd, ctx, scratch, pos, kind, cost, bodies - n - 1);
      out.bytes(writeU32Leb(scratch.len));
      out.bytes(scratch.view());
      p = bodyEnd;
    }
  }
  if (bodies !== definedFuncs) {
    throw new WasmParseError(`${definedFuncs} functions declared but ${bodies} bodies`);
  }
  // The marking functions' types come first, so their indices are known while the code is written.
  const helperTypes: Uint8Array[] = params
    ? [Uint8Array.of(0x60, 0x01, 0x7f, 0x00), Uint8Array.of(0x60, 0x02, 0x7f, 0x7f, 0x00)]
    : [];
  const helperBodies: Uint8Array[] = [];
  const helperTypeRefs: number[] = [];
  if (ctx.track) {
    helperBodies.push(markSlowBody(ctx.track));
    helperTypeRefs.push(typeCount); // (i32) -> ()
  }
  // The 32-bit helper always comes first, so the 64-bit one is at the index the code calls.
  if (ctx.used32 || ctx.used64) {
    helperTypeRefs.push(typeCount + helperTypes.length);
    helperTypes.push(Uint8Array.of(0x60, 0x01, 0x7f, 0x01, 0x7f));
    helperBodies.push(helperBody32(ctx.globalGet, ctx.globalSet));
  }
  if (ctx.used64) {
    helperTypeRefs.push(typeCount + helperTypes.length);
    helperTypes.push(Uint8Array.of(0x60, 0x01, 0x7e, 0x01, 0x7e));
    helperBodies.push(helperBody64(ctx.globalGet, ctx.globalSet));
  }

  const replaced = new Map<number, Uint8Array>();
  const tail = (s: Section | undefined): Uint8Array =>
    s ? bytes.subarray(readU32Leb(bytes, s.contentStart)[1], s.end) : new Uint8Array(0);

  if (helperTypes.length > 0) {
    replaced.set(1, withCount(typeCount + helperTypes.length, [tail(types), ...helperTypes]));
  }
  if (helperBodies.length > 0) {
    const typeRefs = helperTypeRefs.map((t) => writeU32Leb(t));
    replaced.set(3, withCount(definedFuncs + helperBodies.length, [tail(funcs), ...typeRefs]));
  }
  if (code || helperBodies.length > 0) {
    const sized = helperBodies.map((b) => concat([writeU32Leb(b.length), b]));
    replaced.set(10, withCount(definedFuncs + helperBodies.length, [out.view(), ...sized]));
  }
  // The counter: (global (mut i64) (i64.const 0)), exported.
  // With tracking, also the last two pages marked: (global (mut i32) (i32.const -1)), exported.
  const counterGlobal = Uint8Array.of(0x7e, 0x01, 0x42, 0x00, 0x0b);
  const lastGlobal = Uint8Array.of(0x7f, 0x01, 0x41, 0x7f, 0x0b);
  replaced.set(
    6,
    withCount(countOf(globals) + (params ? 3 : 1), [
      tail(globals),
      counterGlobal,
      ...(params ? [lastGlobal, lastGlobal] : []),
    ]),
  );
  const exportEntries: Uint8Array[] = [exportEntry(COUNTER_EXPORT, 3, counterIndex)];
  if (params) {
    // The marking table: two funcref slots the runtime fills with the marker's functions.
    replaced.set(4, withCount(definedTables + 1, [tail(tables), Uint8Array.of(0x70, 0x00, 0x02)]));
    exportEntries.push(exportEntry(DIRTY_TABLE_EXPORT, 1, dirtyTable));
    DIRTY_LAST_EXPORTS.forEach((name, i) =>
      exportEntries.push(exportEntry(name, 3, lastIndex + i)),
    );
  }
  const start = find(8);
  let startExport: string | undefined;
  if (start) {
    startExport = START_EXPORT;
    exportEntries.push(exportEntry(START_EXPORT, 0, readU32Leb(bytes, start.contentStart)[0]));
  }
  const exportsSection = find(7);
  replaced.set(
    7,
    withCount(countOf(exportsSection) + exportEntries.length, [
      tail(exportsSection),
      ...exportEntries,
    ]),
  );

  return {
    bytes: assemble(bytes, sections, replaced, new Set([8])),
    counterExport: COUNTER_EXPORT,
    ...(startExport ? { startExport } : {}),
    chargePoints: ctx.points,
    ...(params
      ? { dirty: { tableExport: DIRTY_TABLE_EXPORT, lastExports: DIRTY_LAST_EXPORTS } }
      : {}),
    markPoints: ctx.track?.points ?? 0,
  };
}

/**
 * The parameter count of every defined function, or undefined when a type is not a plain
 * function type (GC proposal types: then the module is run without dirty-page tracking).
 */
function functionParamCounts(
  bytes: Uint8Array,
  types: Section | undefined,
  funcs: Section | undefined,
): number[] | undefined {
  const typeParams: number[] = [];
  if (types) {
    let [n, p] = readU32Leb(bytes, types.contentStart);
    while (n-- > 0) {
      if (bytes[p] !== 0x60) return undefined;
      let [count, r] = readU32Leb(bytes, p + 1);
      typeParams.push(count);
      while (count-- > 0) r = skipValType(bytes, r);
      [count, r] = readU32Leb(bytes, r);
      while (count-- > 0) r = skipValType(bytes, r);
      p = r;
    }
  }
  const params: number[] = [];
  if (funcs) {
    let [n, p] = readU32Leb(bytes, funcs.contentStart);
    while (n-- > 0) {
      const [typeIndex, r] = readU32Leb(bytes, p);
      const count = typeParams[typeIndex];
      if (count === undefined) throw new WasmParseError(`function type ${typeIndex} is undefined`);
      params.push(count);
      p = r;
    }
  }
  return params;
}

function exportEntry(name: string, kind: number, index: number): Uint8Array {
  const n = textEncoder.encode(name);
  return concat([writeU32Leb(n.length), n, Uint8Array.of(kind), writeU32Leb(index)]);
}

/**
 * Writes the module back: sections in `replaced` get new contents (inserted at their canonical
 * place when the module had none), sections in `dropped` are left out, the rest is copied.
 */
function assemble(
  bytes: Uint8Array,
  sections: Section[],
  replaced: Map<number, Uint8Array>,
  dropped: Set<number>,
): Uint8Array {
  const rank = (id: number): number => SECTION_ORDER.indexOf(id);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const pending = [...replaced.keys()]
    .filter((id) => !sections.some((s) => s.id === id))
    .sort((a, b) => rank(a) - rank(b));
  const flushBefore = (id: number): void => {
    while (pending.length > 0 && rank(pending[0]!) < rank(id)) {
      const missing = pending.shift()!;
      parts.push(sectionBytes(missing, replaced.get(missing)!));
    }
  };
  for (const s of sections) {
    if (s.id !== 0) flushBefore(s.id);
    if (dropped.has(s.id)) continue;
    const content = s.id !== 0 ? replaced.get(s.id) : undefined;
    parts.push(content ? sectionBytes(s.id, content) : bytes.subarray(s.headerStart, s.end));
  }
  for (const id of pending) parts.push(sectionBytes(id, replaced.get(id)!));
  return concat(parts);
}
