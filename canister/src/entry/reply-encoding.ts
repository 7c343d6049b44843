/**
 * Candid replies with their type table computed once. `IDL.encode` rebuilds the table (magic,
 * type table, argument types) on every call, and inside the canister that costs ~15–18 M
 * instructions per reply (measured with ic0.performance_counter on localnet), most of what a
 * small query costs. The table depends only on the method's return types, so it is built at
 * install and upgrade, when the heap it lands in persists; queries then encode values only.
 */
import { IDL } from '@dfinity/candid';

/** `types` with value checking and encoding turned off: `IDL.encode` then yields the prefix. */
function typesOnly(types: readonly IDL.Type[]): IDL.Type[] {
  return types.map(
    (t) =>
      Object.create(t, {
        covariant: { value: () => true },
        encodeValue: { value: () => new Uint8Array(0) },
      }) as IDL.Type,
  );
}

export class ReplyEncoder {
  /** "DIDL", the type table, the number of values and their types: what IDL.encode writes first. */
  readonly prefix: Uint8Array;

  constructor(readonly types: readonly IDL.Type[]) {
    this.prefix = new Uint8Array(
      IDL.encode(
        typesOnly(types),
        types.map(() => undefined),
      ),
    );
  }

  /** The same bytes as `IDL.encode(types, values)`; throws as it does on a value of the wrong type. */
  encode(values: readonly unknown[]): Uint8Array {
    if (values.length < this.types.length) throw new Error('Wrong number of message arguments');
    const parts: Uint8Array[] = [this.prefix];
    let size = this.prefix.length;
    this.types.forEach((t, i) => {
      t.covariant(values[i]); // throws on a value of the wrong type, as IDL.encode does
      const bytes = new Uint8Array(t.encodeValue(values[i]));
      parts.push(bytes);
      size += bytes.length;
    });
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
