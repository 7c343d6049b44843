/**
 * A canister's stable memory, stored sparsely in 64 KiB pages.
 *
 * Azle's memory manager reserves tens of MB that stay zero, so only touched pages are kept.
 * Pages are shared copy-on-write between clones (a clone is O(touched pages), no byte copy),
 * and a transaction journal keeps the original page of every page first written, so rolling
 * back a trapped message costs O(pages written), not O(memory size).
 */
import { StableMemoryError } from './errors.js';

export const STABLE_PAGE_BYTES = 65_536;
const PAGE = BigInt(STABLE_PAGE_BYTES);
/** The IC's stable memory limit (500 GiB). */
export const DEFAULT_MAX_STABLE_BYTES = 500n * 1024n ** 3n;

/** Plain data form: only pages holding a non-zero byte. */
export interface SerializedStableMemory {
  sizePages: bigint;
  maxPages: bigint;
  pages: { index: number; data: Uint8Array }[];
}

interface Journal {
  sizePages: bigint;
  /** Page index -> page as it was before the transaction (undefined: it did not exist). */
  original: Map<number, Uint8Array | undefined>;
}

export class StableMemory {
  private pages = new Map<number, Uint8Array>();
  /** Pages this instance may write in place (not shared with a clone nor journaled). */
  private owned = new Set<number>();
  private size = 0n;
  private journal: Journal | undefined;
  readonly maxPages: bigint;

  constructor(options: { maxBytes?: bigint } = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_STABLE_BYTES;
    if (maxBytes < 0n) throw new StableMemoryError('maxBytes must not be negative');
    this.maxPages = maxBytes / PAGE;
  }

  get sizePages(): bigint {
    return this.size;
  }

  get sizeBytes(): bigint {
    return this.size * PAGE;
  }

  /** Number of pages actually stored. */
  get storedPages(): number {
    return this.pages.size;
  }

  /** Grows by `delta` zero pages; returns the previous size, or -1n if the limit would be exceeded. */
  grow(delta: bigint): bigint {
    if (delta < 0n) return -1n;
    const old = this.size;
    if (old + delta > this.maxPages) return -1n;
    this.size = old + delta;
    return old;
  }

  read(offset: bigint, dst: Uint8Array): void {
    this.checkRange(offset, dst.length);
    let done = 0;
    let pos = Number(offset);
    while (done < dst.length) {
      const index = Math.floor(pos / STABLE_PAGE_BYTES);
      const inPage = pos - index * STABLE_PAGE_BYTES;
      const n = Math.min(STABLE_PAGE_BYTES - inPage, dst.length - done);
      const page = this.pages.get(index);
      if (page) dst.set(page.subarray(inPage, inPage + n), done);
      else dst.fill(0, done, done + n);
      done += n;
      pos += n;
    }
  }

  write(offset: bigint, src: Uint8Array): void {
    this.checkRange(offset, src.length);
    let done = 0;
    let pos = Number(offset);
    while (done < src.length) {
      const index = Math.floor(pos / STABLE_PAGE_BYTES);
      const inPage = pos - index * STABLE_PAGE_BYTES;
      const n = Math.min(STABLE_PAGE_BYTES - inPage, src.length - done);
      this.writablePage(index).set(src.subarray(done, done + n), inPage);
      done += n;
      pos += n;
    }
  }

  /** Starts recording changes so that rollback() can undo them. */
  begin(): void {
    if (this.journal) throw new StableMemoryError('a stable memory transaction is already open');
    this.journal = { sizePages: this.size, original: new Map() };
  }

  commit(): void {
    this.requireJournal();
    this.journal = undefined;
  }

  rollback(): void {
    const journal = this.requireJournal();
    for (const [index, page] of journal.original) {
      if (page) this.pages.set(index, page);
      else this.pages.delete(index);
      // The restored page may be shared with nothing, but copying once more is cheaper than tracking.
      this.owned.delete(index);
    }
    this.size = journal.sizePages;
    this.journal = undefined;
  }

  get inTransaction(): boolean {
    return this.journal !== undefined;
  }

  /** An independent copy; pages are shared copy-on-write, so this costs no byte copy. */
  clone(): StableMemory {
    if (this.journal) throw new StableMemoryError('cannot clone inside a transaction');
    const copy = new StableMemory({ maxBytes: this.maxPages * PAGE });
    copy.pages = new Map(this.pages);
    copy.size = this.size;
    this.owned.clear();
    return copy;
  }

  /** Makes this memory equal to `other` (e.g. a clone taken earlier), sharing its pages copy-on-write. */
  restoreFrom(other: StableMemory): void {
    if (this.journal) throw new StableMemoryError('cannot restore inside a transaction');
    this.pages = new Map(other.pages);
    this.size = other.size;
    this.owned.clear();
    other.owned.clear();
  }

  serialize(): SerializedStableMemory {
    const pages: SerializedStableMemory['pages'] = [];
    for (const [index, data] of [...this.pages].sort((a, b) => a[0] - b[0])) {
      if (data.some((b) => b !== 0)) pages.push({ index, data: data.slice() });
    }
    return { sizePages: this.size, maxPages: this.maxPages, pages };
  }

  static deserialize(s: SerializedStableMemory): StableMemory {
    const mem = new StableMemory({ maxBytes: s.maxPages * PAGE });
    if (s.sizePages < 0n || s.sizePages > mem.maxPages) {
      throw new StableMemoryError(
        `serialized size ${s.sizePages} pages exceeds the maximum ${mem.maxPages}`,
      );
    }
    mem.size = s.sizePages;
    for (const { index, data } of s.pages) {
      if (data.length !== STABLE_PAGE_BYTES || BigInt(index) >= s.sizePages || index < 0) {
        throw new StableMemoryError(`serialized page ${index} is malformed`);
      }
      mem.pages.set(index, new Uint8Array(data));
      mem.owned.add(index);
    }
    return mem;
  }

  private checkRange(offset: bigint, length: number): void {
    if (offset < 0n || offset + BigInt(length) > this.size * PAGE) {
      throw new StableMemoryError(
        `stable memory access out of bounds: offset ${offset} + size ${length} exceeds ${this.size * PAGE} bytes`,
      );
    }
  }

  private writablePage(index: number): Uint8Array {
    const current = this.pages.get(index);
    const journaled = !this.journal || this.journal.original.has(index);
    if (current && this.owned.has(index) && journaled) return current;
    if (!journaled) this.journal!.original.set(index, current);
    const page = current ? current.slice() : new Uint8Array(STABLE_PAGE_BYTES);
    this.pages.set(index, page);
    this.owned.add(index);
    return page;
  }

  private requireJournal(): Journal {
    if (!this.journal) throw new StableMemoryError('no stable memory transaction is open');
    return this.journal;
  }
}
