/**
 * Structural comparison of Candid types: is the type this canister declares the one another
 * interface (the spec's service, the official II's init argument) declares? Names do not matter,
 * structure does: records and variants by field id, recursion followed once.
 *
 * The one difference allowed is an extra `opt` field in one of our records: a client of the other
 * interface leaves it out when it sends (it decodes as `null` here) and skips it when it reads, so
 * the wire stays compatible both ways. Everything else (a missing field, another type, a variant
 * case more or less, another annotation) is reported.
 */
import { IDL, idlLabelToId } from '@dfinity/candid';

function unwrap(t: IDL.Type): IDL.Type {
  let type = t;
  while (type instanceof IDL.RecClass) {
    const inner = (type as unknown as { _type?: IDL.Type })._type;
    if (!inner) throw new Error('unfilled recursive type');
    type = inner;
  }
  return type;
}

function byId(fields: Array<[string, IDL.Type]>): Map<number, [string, IDL.Type]> {
  return new Map(fields.map((f) => [idlLabelToId(f[0]), f]));
}

/** Differences between `ours` and `theirs`, one line each (empty: the same type). */
export function typeDifferences(ours: IDL.Type, theirs: IDL.Type, path = ''): string[] {
  const out: string[] = [];
  const seen = new Map<IDL.Type, Set<IDL.Type>>();
  const walk = (a0: IDL.Type, b0: IDL.Type, at: string): void => {
    const a = unwrap(a0);
    const b = unwrap(b0);
    const pairs = seen.get(a) ?? new Set<IDL.Type>();
    if (pairs.has(b)) return;
    pairs.add(b);
    seen.set(a, pairs);

    if (a instanceof IDL.OptClass && b instanceof IDL.OptClass)
      return walk(a._type, b._type, `${at}?`);
    if (a instanceof IDL.VecClass && b instanceof IDL.VecClass)
      return walk(a._type, b._type, `${at}[]`);
    if (a instanceof IDL.RecordClass && b instanceof IDL.RecordClass) {
      const mine = byId(a._fields);
      const other = byId(b._fields);
      for (const [id, [name, type]] of other) {
        const field = mine.get(id);
        if (!field) out.push(`${at}.${name}: missing here`);
        else walk(field[1], type, `${at}.${name}`);
      }
      for (const [id, [name, type]] of mine) {
        if (!other.has(id) && !(unwrap(type) instanceof IDL.OptClass))
          out.push(`${at}.${name}: an extra field that is not opt`);
      }
      return;
    }
    if (a instanceof IDL.VariantClass && b instanceof IDL.VariantClass) {
      const mine = byId(a._fields);
      const other = byId(b._fields);
      for (const [id, [name, type]] of other) {
        const field = mine.get(id);
        if (!field) out.push(`${at}#${name}: case missing here`);
        else walk(field[1], type, `${at}#${name}`);
      }
      for (const [id, [name]] of mine) if (!other.has(id)) out.push(`${at}#${name}: extra case`);
      return;
    }
    if (a instanceof IDL.FuncClass && b instanceof IDL.FuncClass) {
      out.push(...funcDifferences(a, b, at));
      return;
    }
    if (a instanceof IDL.ServiceClass && b instanceof IDL.ServiceClass) {
      const mine = new Map(a._fields);
      for (const [name, func] of b._fields) {
        const f = mine.get(name);
        if (!f) out.push(`${at}.${name}: method missing here`);
        else walk(f, func, `${at}.${name}`);
      }
      return;
    }
    if (a.constructor !== b.constructor || a.display() !== b.display())
      out.push(`${at || '(type)'}: ${a.display()} here, ${b.display()} there`);
  };
  walk(ours, theirs, path);
  return out;
}

/** Differences between two method signatures: arguments, results, annotations. */
export function funcDifferences(ours: IDL.FuncClass, theirs: IDL.FuncClass, path = ''): string[] {
  const out: string[] = [];
  const list = (mine: IDL.Type[], other: IDL.Type[], what: string) => {
    if (mine.length !== other.length)
      out.push(`${path} ${what}: ${mine.length} here, ${other.length} there`);
    else
      mine.forEach((t, i) => out.push(...typeDifferences(t, other[i]!, `${path} ${what}[${i}]`)));
  };
  list(ours.argTypes, theirs.argTypes, 'argument');
  list(ours.retTypes, theirs.retTypes, 'result');
  const a = [...ours.annotations].sort().join(' ');
  const b = [...theirs.annotations].sort().join(' ');
  if (a !== b) out.push(`${path}: annotations '${a}' here, '${b}' there`);
  return out;
}
