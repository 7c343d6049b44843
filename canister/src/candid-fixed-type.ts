/**
 * Candid encoding of values of one fixed type with its header (magic, type table, argument types)
 * built once. IDL.encode rebuilds the type table on every call; for the archive's entries, a
 * variant of records encoded on every anchor operation, that is work repeated for nothing.
 * The bytes are IDL.encode([type], [value])'s: the header depends on the type alone.
 */
import { IDL } from '@dfinity/candid';

export function fixedTypeEncoder<T>(type: IDL.Type<T>): (value: T) => Uint8Array {
  let header: Uint8Array | undefined;
  return (value: T): Uint8Array => {
    // Throws, as IDL.encode does, for a value that is not of the type.
    type.covariant(value);
    const body = type.encodeValue(value);
    if (!header) {
      const whole = new Uint8Array(IDL.encode([type], [value]));
      header = whole.slice(0, whole.length - body.length);
    }
    const out = new Uint8Array(header.length + body.length);
    out.set(header);
    out.set(body, header.length);
    return out;
  };
}
