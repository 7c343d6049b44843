/**
 * Writes the Candid interface (`.did`) from src/candid.ts, the one source of the types: every
 * exported IDL type becomes a named `type`, and the service lists the methods in the order the
 * spec gives them. Azle's own candid generation cannot express a method returning two values
 * (`prepare_delegation : (...) -> (UserKey, Timestamp)`), so the file is printed here instead.
 */
import { IDL } from '@dfinity/candid';
import * as candid from '../src/candid.js';

type Named = Map<IDL.Type, string>;

const KEYWORDS = new Set(['type', 'service', 'func', 'record', 'variant', 'vec', 'opt', 'query']);
const label = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name) ? name : JSON.stringify(name);

function print(t: IDL.Type, named: Named, top = false): string {
  const name = named.get(t);
  if (name && !top) return name;
  if (t instanceof IDL.RecClass) {
    const inner = (t as unknown as { _type?: IDL.Type })._type;
    if (!inner) throw new Error('unfilled recursive type');
    return print(inner, named);
  }
  if (t instanceof IDL.TupleClass) {
    const components = (t as unknown as { _components: IDL.Type[] })._components;
    return `record { ${components.map((c) => `${print(c, named)}; `).join('')}}`;
  }
  if (t instanceof IDL.RecordClass) {
    if (t._fields.length === 0) return 'record {}';
    return `record {\n${t._fields.map(([k, v]) => `  ${label(k)} : ${indent(print(v, named))};\n`).join('')}}`;
  }
  if (t instanceof IDL.VariantClass) {
    const fields = t._fields.map(
      ([k, v]) => `  ${label(k)}${v === IDL.Null ? '' : ` : ${indent(print(v, named))}`};\n`,
    );
    return `variant {\n${fields.join('')}}`;
  }
  if (t instanceof IDL.VecClass)
    return t._type === IDL.Nat8 ? 'blob' : `vec ${print(t._type, named)}`;
  if (t instanceof IDL.OptClass) return `opt ${print(t._type, named)}`;
  if (t instanceof IDL.FuncClass) return `func ${signature(t, named)}`;
  return t.display();
}

function indent(s: string): string {
  return s.replace(/\n/g, '\n  ');
}

function signature(f: IDL.FuncClass, named: Named): string {
  const args = f.argTypes.map((a) => print(a, named)).join(', ');
  const rets = f.retTypes.map((r) => print(r, named)).join(', ');
  const annotations = f.annotations.length > 0 ? ` ${f.annotations.join(' ')}` : '';
  return `(${args}) -> (${rets})${annotations}`;
}

/** Every type `roots` refer to, recursive types followed once. */
function reachable(roots: IDL.Type[]): Set<IDL.Type> {
  const seen = new Set<IDL.Type>();
  const visit = (t: IDL.Type): void => {
    if (seen.has(t)) return;
    seen.add(t);
    if (t instanceof IDL.RecClass) {
      const inner = (t as unknown as { _type?: IDL.Type })._type;
      if (inner) visit(inner);
    } else if (t instanceof IDL.TupleClass) {
      (t as unknown as { _components: IDL.Type[] })._components.forEach(visit);
    } else if (t instanceof IDL.RecordClass || t instanceof IDL.VariantClass) {
      t._fields.forEach(([, f]) => visit(f));
    } else if (t instanceof IDL.VecClass || t instanceof IDL.OptClass) {
      visit(t._type);
    } else if (t instanceof IDL.FuncClass) {
      t.argTypes.forEach(visit);
      t.retTypes.forEach(visit);
    }
  };
  roots.forEach(visit);
  return seen;
}

/**
 * The `.did` text of a service: the named types it uses (every exported record, variant or
 * recursive type of src/candid.ts it reaches), then the service with its methods in order.
 */
function render(
  methods: Readonly<Record<string, IDL.FuncClass>>,
  initArgTypes: IDL.Type[],
  source: string,
): string {
  const used = reachable([...Object.values(methods), ...initArgTypes]);
  const named: Named = new Map();
  const types: Array<[string, IDL.Type]> = [];
  // Sorted by name: module namespace key order differs between loaders (tsx vs vitest).
  for (const [name, value] of Object.entries(candid).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    // Records, variants and recursive types get names; primitives and their aliases (UserNumber,
    // PublicKey, …) are one shared IDL object each, so they print inline.
    const nameable =
      value instanceof IDL.RecordClass ||
      value instanceof IDL.VariantClass ||
      value instanceof IDL.RecClass;
    if (nameable && !(value instanceof IDL.TupleClass) && used.has(value)) {
      if (!named.has(value)) {
        named.set(value, name);
        types.push([name, value]);
      }
    }
  }
  const lines = [`// Generated from src/candid.ts by scripts/did.ts (${source}); do not edit.`, ''];
  for (const [name, type] of types) {
    lines.push(`type ${name} = ${print(type, named, true)};`);
  }
  lines.push('', `service : (${initArgTypes.map((t) => print(t, named)).join(', ')}) -> {`);
  for (const [method, func] of Object.entries(methods)) {
    lines.push(`  ${method} : ${signature(func, named)};`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** The `.did` text of Internet Identity. */
export function renderDid(): string {
  return render(candid.serviceMethods, candid.initArgTypes, 'serviceMethods');
}

/** The `.did` text of the archive canister. */
export function renderArchiveDid(): string {
  return render(candid.archiveServiceMethods, candid.archiveInitArgTypes, 'archiveServiceMethods');
}
