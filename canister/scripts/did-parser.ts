/**
 * A small parser for Candid interface files (`.did`), enough for the interfaces this repository
 * checks itself against (test/fixtures/: the spec's service, the official II's init argument):
 * `type` definitions, `service : (args) -> { methods }`, records (named and positional fields),
 * variants, opt, vec, blob, func and service references, primitives, argument names and comments.
 * It returns @dfinity/candid IDL types, so a parsed interface can build an actor
 * (`IDL.Service(parsed.methods)`) or be compared with the types of src/candid.ts.
 */
import { IDL } from '@dfinity/candid';

export interface ParsedDid {
  /** Every `type X = …` by name (a recursive definition resolves through an IDL.Rec). */
  types: Map<string, IDL.Type>;
  /** The service's methods in the order the file lists them (empty without a service). */
  methods: Record<string, IDL.FuncClass>;
  /** The service's init argument types (`service : (opt Init) -> {…}`), if it has any. */
  initArgs: IDL.Type[];
}

type Token = { kind: 'id' | 'text' | 'num' | 'punct'; value: string; at: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`did: unterminated comment at ${i}`);
      i = end + 2;
    } else if (src.startsWith('->', i)) {
      tokens.push({ kind: 'punct', value: '->', at: i });
      i += 2;
    } else if ('{}();:,='.includes(c)) {
      tokens.push({ kind: 'punct', value: c, at: i });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\') j++;
        value += src[j];
        j++;
      }
      tokens.push({ kind: 'text', value, at: i });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < src.length && /[0-9_]/.test(src[j]!)) j++;
      tokens.push({ kind: 'num', value: src.slice(i, j).replace(/_/g, ''), at: i });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j]!)) j++;
      tokens.push({ kind: 'id', value: src.slice(i, j), at: i });
      i = j;
    } else {
      throw new Error(`did: unexpected character '${c}' at ${i}`);
    }
  }
  return tokens;
}

const PRIMITIVES: Record<string, IDL.Type> = {
  nat: IDL.Nat,
  nat8: IDL.Nat8,
  nat16: IDL.Nat16,
  nat32: IDL.Nat32,
  nat64: IDL.Nat64,
  int: IDL.Int,
  int8: IDL.Int8,
  int16: IDL.Int16,
  int32: IDL.Int32,
  int64: IDL.Int64,
  float32: IDL.Float32,
  float64: IDL.Float64,
  bool: IDL.Bool,
  text: IDL.Text,
  null: IDL.Null,
  reserved: IDL.Reserved,
  empty: IDL.Empty,
  principal: IDL.Principal,
};

/** A type expression before names are resolved. */
type Expr =
  | { k: 'ref'; name: string }
  | { k: 'prim'; type: IDL.Type }
  | { k: 'opt' | 'vec'; of: Expr }
  | { k: 'record'; fields: Array<[string | number, Expr]> }
  | { k: 'variant'; fields: Array<[string | number, Expr]> }
  | { k: 'func'; func: FuncExpr }
  | { k: 'service'; methods: Array<[string, FuncExpr]> };
type FuncExpr = { args: Expr[]; rets: Expr[]; annotations: string[] };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error('did: unexpected end of input');
    return t;
  }
  private expect(value: string): void {
    const t = this.next();
    if (t.value !== value || (t.kind !== 'punct' && t.kind !== 'id'))
      throw new Error(`did: expected '${value}' at ${t.at}, found '${t.value}'`);
  }
  private accept(value: string): boolean {
    const t = this.peek();
    if (t && t.value === value && (t.kind === 'punct' || t.kind === 'id')) {
      this.pos++;
      return true;
    }
    return false;
  }
  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** `type X = T;` | `service : …;` | `import …;` (refused). */
  definition():
    { type: [string, Expr] } | { service: { init: Expr[]; methods: Array<[string, FuncExpr]> } } {
    const t = this.next();
    if (t.kind === 'id' && t.value === 'type') {
      const name = this.next().value;
      this.expect('=');
      const expr = this.type();
      this.accept(';');
      return { type: [name, expr] };
    }
    if (t.kind === 'id' && t.value === 'service') {
      if (this.peek()?.kind === 'id') this.next(); // an optional service name
      this.expect(':');
      let init: Expr[] = [];
      if (this.peek()?.value === '(') {
        init = this.args();
        this.expect('->');
      }
      const methods = this.serviceBody();
      this.accept(';');
      return { service: { init, methods } };
    }
    throw new Error(`did: expected 'type' or 'service' at ${t.at}, found '${t.value}'`);
  }

  private serviceBody(): Array<[string, FuncExpr]> {
    if (this.peek()?.kind === 'id' && this.peek()?.value !== 'service') {
      // `service : Name` is not needed by the files this parser reads.
      throw new Error('did: a service given by name is not supported');
    }
    this.expect('{');
    const methods: Array<[string, FuncExpr]> = [];
    while (!this.accept('}')) {
      const name = this.next().value;
      this.expect(':');
      const func = this.peek()?.value === '(' ? this.funcType() : this.funcRef();
      methods.push([name, func]);
      this.accept(';');
    }
    return methods;
  }

  private funcRef(): FuncExpr {
    const t = this.next();
    throw new Error(`did: a method type given by name ('${t.value}') is not supported`);
  }

  private funcType(): FuncExpr {
    const args = this.args();
    this.expect('->');
    const rets = this.args();
    const annotations: string[] = [];
    while (
      this.peek()?.kind === 'id' &&
      ['query', 'oneway', 'composite_query'].includes(this.peek()!.value)
    )
      annotations.push(this.next().value);
    return { args: args, rets, annotations };
  }

  /** `( [name :] T, … )` */
  private args(): Expr[] {
    this.expect('(');
    const out: Expr[] = [];
    while (!this.accept(')')) {
      // `name : T` or `T`: a name is an identifier followed by ':'.
      if (
        (this.peek()?.kind === 'id' || this.peek()?.kind === 'text') &&
        this.peek(1)?.value === ':'
      )
        this.pos += 2;
      out.push(this.type());
      this.accept(',');
    }
    return out;
  }

  type(): Expr {
    const t = this.next();
    if (t.kind !== 'id') throw new Error(`did: expected a type at ${t.at}, found '${t.value}'`);
    switch (t.value) {
      case 'opt':
        return { k: 'opt', of: this.type() };
      case 'vec':
        return { k: 'vec', of: this.type() };
      case 'blob':
        return { k: 'vec', of: { k: 'prim', type: IDL.Nat8 } };
      case 'record':
        return { k: 'record', fields: this.fields(true) };
      case 'variant':
        return { k: 'variant', fields: this.fields(false) };
      case 'func':
        return { k: 'func', func: this.funcType() };
      case 'service':
        return { k: 'service', methods: this.serviceBody() };
    }
    const prim = PRIMITIVES[t.value];
    return prim ? { k: 'prim', type: prim } : { k: 'ref', name: t.value };
  }

  /**
   * `{ label : T; … }`. In a record a field without a label is positional (`record { text; text }`);
   * in a variant a label without a type is `null`.
   */
  private fields(record: boolean): Array<[string | number, Expr]> {
    this.expect('{');
    const out: Array<[string | number, Expr]> = [];
    let position = 0;
    while (!this.accept('}')) {
      const t = this.peek()!;
      const labelled = this.peek(1)?.value === ':';
      if (labelled) {
        this.pos += 2;
        out.push([t.kind === 'num' ? Number(t.value) : t.value, this.type()]);
      } else if (record) {
        out.push([position, this.type()]);
      } else {
        this.pos++;
        out.push([t.kind === 'num' ? Number(t.value) : t.value, { k: 'prim', type: IDL.Null }]);
      }
      position++;
      this.accept(';');
    }
    return out;
  }
}

/** Parses `src` (a whole .did file) into IDL types. */
export function parseDid(src: string): ParsedDid {
  const parser = new Parser(tokenize(src));
  const exprs = new Map<string, Expr>();
  let service: { init: Expr[]; methods: Array<[string, FuncExpr]> } | undefined;
  while (!parser.done()) {
    const def = parser.definition();
    if ('type' in def) exprs.set(def.type[0], def.type[1]);
    else service = def.service;
  }

  // A name resolves to its type itself; only a name met again while it is being resolved (a
  // recursive type) becomes an IDL.Rec. (A Rec around a primitive breaks @dfinity/candid's
  // encoder: primitives have no type-table entry for the Rec to point at.)
  const resolved = new Map<string, IDL.Type>();
  const pending = new Map<string, IDL.RecClass | null>();
  const resolve = (name: string): IDL.Type => {
    const done = resolved.get(name);
    if (done) return done;
    if (pending.has(name)) {
      const rec = pending.get(name) ?? IDL.Rec();
      pending.set(name, rec);
      return rec;
    }
    const expr = exprs.get(name);
    if (!expr) throw new Error(`did: unknown type '${name}'`);
    pending.set(name, null);
    const type = build(expr);
    const rec = pending.get(name);
    pending.delete(name);
    if (rec) rec.fill(type);
    const result = rec ?? type;
    resolved.set(name, result);
    return result;
  };
  const build = (e: Expr): IDL.Type => {
    switch (e.k) {
      case 'ref':
        return resolve(e.name);
      case 'prim':
        return e.type;
      case 'opt':
        return IDL.Opt(build(e.of));
      case 'vec':
        return IDL.Vec(build(e.of));
      case 'record': {
        if (e.fields.length > 0 && e.fields.every(([l], i) => l === i))
          return IDL.Tuple(...e.fields.map(([, t]) => build(t)));
        return IDL.Record(Object.fromEntries(e.fields.map(([l, t]) => [label(l), build(t)])));
      }
      case 'variant':
        return IDL.Variant(Object.fromEntries(e.fields.map(([l, t]) => [label(l), build(t)])));
      case 'func':
        return buildFunc(e.func);
      case 'service':
        return IDL.Service(Object.fromEntries(e.methods.map(([n, f]) => [n, buildFunc(f)])));
    }
  };
  const buildFunc = (f: FuncExpr): IDL.FuncClass =>
    IDL.Func(
      f.args.map(build) as IDL.GenericIdlFuncArgs,
      f.rets.map(build) as IDL.GenericIdlFuncRets,
      f.annotations as Array<'query'>,
    );
  const types = new Map<string, IDL.Type>();
  for (const name of exprs.keys()) types.set(name, resolve(name));
  const methods: Record<string, IDL.FuncClass> = {};
  for (const [name, f] of service?.methods ?? []) methods[name] = buildFunc(f);
  return { types, methods, initArgs: (service?.init ?? []).map(build) };
}

/** Numeric labels are written as `_<n>_` in @dfinity/candid, which hashes them to `n`. */
function label(l: string | number): string {
  return typeof l === 'number' ? `_${l}_` : l;
}
