/**
 * Canister metadata: the wasm custom sections named `icp:public <name>` or `icp:private <name>`,
 * which read_state serves as `canister/<id>/metadata/<name>`.
 */
export interface MetadataSection {
  name: string;
  visibility: 'public' | 'private';
  content: Uint8Array;
}

function readUleb(bytes: Uint8Array, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let pos = offset;
  for (;;) {
    if (pos >= bytes.length) throw new RangeError('truncated LEB128');
    const byte = bytes[pos++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 35) throw new RangeError('LEB128 too long');
  }
}

/** Lists the metadata sections of a raw wasm module (malformed modules yield none). */
export function moduleMetadata(wasm: Uint8Array): MetadataSection[] {
  const out: MetadataSection[] = [];
  try {
    let pos = 8;
    while (pos < wasm.length) {
      const id = wasm[pos++]!;
      const [size, start] = readUleb(wasm, pos);
      const end = start + size;
      if (end > wasm.length) break;
      if (id === 0) {
        const [nameLength, nameStart] = readUleb(wasm, start);
        const name = new TextDecoder().decode(wasm.subarray(nameStart, nameStart + nameLength));
        const match = /^icp:(public|private) (.+)$/.exec(name);
        if (match) {
          out.push({
            visibility: match[1] as 'public' | 'private',
            name: match[2]!,
            content: wasm.slice(nameStart + nameLength, end),
          });
        }
      }
      pos = end;
    }
  } catch {
    return out;
  }
  return out;
}
