/**
 * Which 4 KiB pages of a canister's heap the current message wrote, so that committing or rolling
 * back a message copies those pages instead of the whole heap (11.6 MB for Azle: 0.5 ms a copy).
 *
 * The instrumented module (instrument.ts, `dirtyPages`) calls mark(page) before a store to a page
 * other than the last one it marked, and markRange(start, length) before memory.fill/copy/init.
 * Both live in a small marker module with its own memory, the bitmap (one byte per page, 1 MiB
 * for the 4 GiB a 32-bit memory can address), reached through a table the canister module gets:
 * Node 20's V8 has no multi-memory, and a wasm-to-wasm call stays cheap where a call into
 * JavaScript for each store would not be. Writes by the host (ic0 copies into the heap) are marked
 * from JavaScript.
 */
import { DIRTY_PAGE_SHIFT } from './instrument.js';

const PAGE_BYTES = 1 << DIRTY_PAGE_SHIFT;
/** A store of up to 16 bytes (v128) marks the page it starts in; copies reach this far past it. */
const STORE_OVERHANG = 16;
const BITMAP_WASM_PAGES = 16;

/** A section of fewer than 128 bytes: id, size, content. */
const section = (id: number, content: number[]): number[] => [id, content.length, ...content];
const body = (code: number[]): number[] => [code.length, ...code];
const name = (s: string): number[] => [s.length, ...Buffer.from(s, 'ascii')];

/** The marker module, hand-assembled: (memory 16 16), mark(page), markRange(start, length). */
const MARKER_WASM = Uint8Array.of(
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  // types: (i32) -> (), (i32 i32) -> ()
  ...section(1, [0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x02, 0x7f, 0x7f, 0x00]),
  ...section(3, [0x02, 0x00, 0x01]),
  ...section(5, [0x01, 0x01, BITMAP_WASM_PAGES, BITMAP_WASM_PAGES]),
  ...section(7, [
    0x03,
    ...[...name('bitmap'), 0x02, 0x00],
    ...[...name('mark'), 0x00, 0x00],
    ...[...name('markRange'), 0x00, 0x01],
  ]),
  ...section(10, [
    0x02,
    // mark(page): bitmap[page] = 1
    ...body([0x00, 0x20, 0x00, 0x41, 0x01, 0x3a, 0x00, 0x00, 0x0b]),
    // markRange(start, length): nothing for length 0, else every page from first to last
    ...body([
      ...[0x01, 0x02, 0x7f], // two i32 locals: first, last
      ...[0x20, 0x01, 0x45, 0x04, 0x40, 0x0f, 0x0b], // if length == 0: return
      ...[0x20, 0x00, 0x41, DIRTY_PAGE_SHIFT, 0x76, 0x21, 0x02], // first = start >> 12
      // last = (start + length - 1) >> 12
      ...[0x20, 0x00, 0x20, 0x01, 0x6a, 0x41, 0x01, 0x6b, 0x41, DIRTY_PAGE_SHIFT, 0x76, 0x21, 0x03],
      ...[0x03, 0x40], // loop
      ...[0x20, 0x02, 0x41, 0x01, 0x3a, 0x00, 0x00], // bitmap[first] = 1
      ...[0x20, 0x02, 0x20, 0x03, 0x49, 0x04, 0x40], // if first < last
      ...[0x20, 0x02, 0x41, 0x01, 0x6a, 0x21, 0x02, 0x0c, 0x01], // first++; continue
      ...[0x0b, 0x0b, 0x0b],
    ]),
  ]),
);

let markerModule: WebAssembly.Module | undefined;

export class DirtyPages {
  /** The marker's functions, for the canister's marking table (slots 0 and 1). */
  readonly mark: WebAssembly.ExportValue;
  readonly markRange: WebAssembly.ExportValue;
  private readonly bitmap: Uint8Array;
  private readonly words: Uint32Array;
  private lasts: WebAssembly.Global[] = [];

  constructor() {
    markerModule ??= new WebAssembly.Module(MARKER_WASM);
    const marker = new WebAssembly.Instance(markerModule, {});
    this.mark = marker.exports.mark!;
    this.markRange = marker.exports.markRange!;
    const buffer = (marker.exports.bitmap as WebAssembly.Memory).buffer;
    this.bitmap = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer);
  }

  /** Connects a fresh canister instance: fills its marking table; nothing is marked yet. */
  attach(table: WebAssembly.Table, lasts: WebAssembly.Global[]): void {
    table.set(0, this.mark);
    table.set(1, this.markRange);
    this.lasts = lasts;
    this.clearAll();
  }

  /** Marks a range the host wrote into the heap. */
  markHost(start: number, length: number): void {
    if (length <= 0) return;
    const first = start >>> DIRTY_PAGE_SHIFT;
    const last = (start + length - 1) >>> DIRTY_PAGE_SHIFT;
    this.bitmap.fill(1, first, last + 1);
  }

  /**
   * Copies every page marked since the last call from `from` to `to` (two heaps of the same
   * length), then forgets the marks. Returns the number of pages copied.
   */
  copyMarked(from: Uint8Array, to: Uint8Array): number {
    const length = from.length;
    const pages = Math.ceil(length / PAGE_BYTES);
    const words = this.words;
    const bitmap = this.bitmap;
    let copied = 0;
    let page = 0;
    while (page < pages) {
      // Skip unmarked pages four at a time.
      if ((page & 3) === 0 && words[page >>> 2] === 0) {
        page += 4;
        continue;
      }
      if (bitmap[page] === 0) {
        page++;
        continue;
      }
      // A run of marked pages: one copy, reaching the overhang past its end.
      const first = page;
      while (page < pages && bitmap[page] !== 0) page++;
      const start = first * PAGE_BYTES;
      const end = Math.min(page * PAGE_BYTES + STORE_OVERHANG, length);
      to.set(from.subarray(start, end), start);
      bitmap.fill(0, first, page);
      copied += page - first;
    }
    this.resetLast();
    return copied;
  }

  /** Forgets every mark (after a full copy of the heap). */
  clearAll(): void {
    this.bitmap.fill(0);
    this.resetLast();
  }

  private resetLast(): void {
    for (const g of this.lasts) g.value = -1;
  }
}
