/**
 * Adds exports for the function table and every mutable global to a wasm module.
 *
 * Why: Rust/Azle canisters export neither, yet the host needs the table to run reply/reject
 * callbacks (table indices given to ic0.call_new) and the globals (shadow-stack pointer, ...)
 * to snapshot and roll back an instance. Only the export section is rewritten; code and data
 * are copied untouched, so this stays a cheap byte patch.
 */
import { WasmParseError } from './errors.js';
import { readU32Leb, skipLeb, writeU32Leb } from './wasm-leb128.js';

export const TABLE_EXPORT = 'localnet:table';
export const globalExportName = (index: number): string => `localnet:global:${index}`;

export interface PatchedModule {
  bytes: Uint8Array;
  /** Export name of table 0, if the module has a table. */
  tableExport?: string;
  /** Export names of the module's mutable globals (imported ones excluded: the host owns those). */
  globalExports: string[];
  /** The module has a (start) function, which runs at instantiation. */
  hasStart: boolean;
}

export interface Section {
  id: number;
  /** Offset of the section id byte. */
  headerStart: number;
  contentStart: number;
  end: number;
}

const SECTION_EXPORT = 7;
// Canonical order of non-custom sections (the data-count section 12 sits before code 10, tags 13 after memory).
export const SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];
const textDecoder = new TextDecoder('utf-8', { fatal: true });
const textEncoder = new TextEncoder();

export function readName(bytes: Uint8Array, pos: number): [string, number] {
  const [len, p] = readU32Leb(bytes, pos);
  if (p + len > bytes.length) throw new WasmParseError('name runs past the end');
  return [textDecoder.decode(bytes.subarray(p, p + len)), p + len];
}

export function skipLimits(bytes: Uint8Array, pos: number): number {
  const flags = bytes[pos]!;
  let p = skipLeb(bytes, pos + 1);
  if (flags & 1) p = skipLeb(bytes, p);
  return p;
}

/** Skips a value/reference type; reference types with a heap type carry one extra immediate. */
export function skipValType(bytes: Uint8Array, pos: number): number {
  const t = bytes[pos]!;
  return t === 0x63 || t === 0x64 ? skipLeb(bytes, pos + 1) : pos + 1;
}

/** Skips a constant expression (global initialiser) up to and including its `end`. */
export function skipConstExpr(bytes: Uint8Array, pos: number): number {
  let p = pos;
  for (;;) {
    const op = bytes[p++];
    switch (op) {
      case 0x0b:
        return p;
      case 0x41:
      case 0x42:
      case 0x23:
      case 0xd2:
      case 0xd0:
        p = skipLeb(bytes, p);
        break;
      case 0x43:
        p += 4;
        break;
      case 0x44:
        p += 8;
        break;
      case 0x6a:
      case 0x6b:
      case 0x6c:
      case 0x7c:
      case 0x7d:
      case 0x7e:
        break;
      case 0xfd:
        p = skipLeb(bytes, p) + 16;
        break;
      default:
        throw new WasmParseError(
          `unsupported opcode 0x${(op ?? 0).toString(16)} in a constant expression`,
        );
    }
    if (p > bytes.length) throw new WasmParseError('constant expression runs past the end');
  }
}

export function readSections(bytes: Uint8Array): Section[] {
  if (
    bytes.length < 8 ||
    bytes[0] !== 0 ||
    bytes[1] !== 0x61 ||
    bytes[2] !== 0x73 ||
    bytes[3] !== 0x6d
  ) {
    throw new WasmParseError('missing \\0asm magic (gzipped modules must be decompressed first)');
  }
  const sections: Section[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos]!;
    const [size, contentStart] = readU32Leb(bytes, pos + 1);
    const end = contentStart + size;
    if (end > bytes.length) throw new WasmParseError(`section ${id} runs past the end`);
    sections.push({ id, headerStart: pos, contentStart, end });
    pos = end;
  }
  return sections;
}

export function patchExports(bytes: Uint8Array): PatchedModule {
  const sections = readSections(bytes);
  let importedTables = 0;
  let importedGlobals = 0;
  let definedTables = 0;
  const mutableGlobals: number[] = [];
  const exportEntries: Uint8Array[] = [];
  let exportCount = 0;
  const exportNames = new Set<string>();

  for (const s of sections) {
    if (s.id === 2) {
      let [n, p] = readU32Leb(bytes, s.contentStart);
      while (n-- > 0) {
        [, p] = readName(bytes, p);
        [, p] = readName(bytes, p);
        const kind = bytes[p++];
        if (kind === 0) p = skipLeb(bytes, p);
        else if (kind === 1) {
          importedTables++;
          p = skipLimits(bytes, skipValType(bytes, p));
        } else if (kind === 2) p = skipLimits(bytes, p);
        else if (kind === 3) {
          importedGlobals++;
          p = skipValType(bytes, p) + 1;
        } else if (kind === 4) p = skipLeb(bytes, p + 1);
        else throw new WasmParseError(`unknown import kind ${kind}`);
      }
    } else if (s.id === 4) {
      [definedTables] = readU32Leb(bytes, s.contentStart);
    } else if (s.id === 6) {
      const [n, start] = readU32Leb(bytes, s.contentStart);
      let p = start;
      for (let i = 0; i < n; i++) {
        p = skipValType(bytes, p);
        const mutable = bytes[p++] === 1;
        p = skipConstExpr(bytes, p);
        if (mutable) mutableGlobals.push(importedGlobals + i);
      }
    } else if (s.id === SECTION_EXPORT) {
      let [n, p] = readU32Leb(bytes, s.contentStart);
      exportCount = n;
      while (n-- > 0) {
        const start = p;
        let name: string;
        [name, p] = readName(bytes, p);
        p = skipLeb(bytes, p + 1);
        exportNames.add(name);
        exportEntries.push(bytes.subarray(start, p));
      }
    }
  }

  const added: Uint8Array[] = [];
  const addExport = (name: string, kind: number, index: number): void => {
    if (exportNames.has(name)) throw new WasmParseError(`module already exports "${name}"`);
    const n = textEncoder.encode(name);
    added.push(writeU32Leb(n.length), n, Uint8Array.of(kind), writeU32Leb(index));
  };
  const hasTable = importedTables + definedTables > 0;
  if (hasTable) addExport(TABLE_EXPORT, 1, 0);
  for (const g of mutableGlobals) addExport(globalExportName(g), 3, g);
  const addedCount = (hasTable ? 1 : 0) + mutableGlobals.length;

  const body = concat([writeU32Leb(exportCount + addedCount), ...exportEntries, ...added]);
  const newSection = concat([Uint8Array.of(SECTION_EXPORT), writeU32Leb(body.length), body]);

  // Splice: replace the export section, or insert one where the canonical order puts it.
  const existing = sections.find((s) => s.id === SECTION_EXPORT);
  let out: Uint8Array;
  if (existing) {
    out = concat([
      bytes.subarray(0, existing.headerStart),
      newSection,
      bytes.subarray(existing.end),
    ]);
  } else {
    const rank = (id: number): number => SECTION_ORDER.indexOf(id);
    const next = sections.find((s) => s.id !== 0 && rank(s.id) > rank(SECTION_EXPORT));
    const at = next ? next.headerStart : bytes.length;
    out = concat([bytes.subarray(0, at), newSection, bytes.subarray(at)]);
  }
  return {
    bytes: out,
    ...(hasTable ? { tableExport: TABLE_EXPORT } : {}),
    globalExports: mutableGlobals.map(globalExportName),
    hasStart: sections.some((s) => s.id === 8),
  };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
