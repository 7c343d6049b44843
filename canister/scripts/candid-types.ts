/**
 * Writes the TypeScript types of the Candid interface (src/candid-types.generated.ts) from the IDL
 * values in src/candid.ts, so each type and method signature is stated once: the IDL value. Every
 * exported IDL type `X` gets `type XT` (what @dfinity/candid decodes it to), and the service gets
 * `InternetIdentityService`, the actor interface (`method(args): Promise<result>`).
 *
 * Run by the build; `candid-types.test.ts` fails when the checked-in file is stale.
 *
 *   node --import tsx canister/scripts/candid-types.ts      (rewrites the file)
 */
import { IDL } from '@dfinity/candid';
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as candid from '../src/candid.js';

export const GENERATED_TYPES = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'src',
  'candid-types.generated.ts',
);

type Named = Map<IDL.Type, string>;

const typeName = (name: string) => `${name}T`;
const key = (name: string) =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);

function ts(t: IDL.Type, named: Named, top = false): string {
  const name = named.get(t);
  if (name && !top) return typeName(name);
  if (t instanceof IDL.RecClass) {
    const inner = (t as unknown as { _type?: IDL.Type })._type;
    if (!inner) throw new Error('unfilled recursive type');
    return ts(inner, named);
  }
  if (t instanceof IDL.TupleClass) {
    const components = (t as unknown as { _components: IDL.Type[] })._components;
    return `[${components.map((c) => ts(c, named)).join(', ')}]`;
  }
  if (t instanceof IDL.RecordClass) {
    if (t._fields.length === 0) return 'Record<string, never>';
    return `{\n${t._fields.map(([k, v]) => `  ${key(k)}: ${indent(ts(v, named))};\n`).join('')}}`;
  }
  if (t instanceof IDL.VariantClass) {
    if (t._fields.length === 0) return 'never';
    return t._fields.map(([k, v]) => `\n  | { ${key(k)}: ${indent(ts(v, named))} }`).join('');
  }
  if (t instanceof IDL.VecClass)
    return t._type === IDL.Nat8 ? 'Uint8Array' : `Array<${ts(t._type, named)}>`;
  if (t instanceof IDL.OptClass) return `[] | [${ts(t._type, named)}]`;
  if (t instanceof IDL.FuncClass) return '[Principal, string]';
  if (t instanceof IDL.ServiceClass) return 'Principal';
  if (t instanceof IDL.PrincipalClass) return 'Principal';
  if (t instanceof IDL.BoolClass) return 'boolean';
  if (t instanceof IDL.TextClass) return 'string';
  if (t instanceof IDL.NullClass) return 'null';
  if (t instanceof IDL.ReservedClass) return 'unknown';
  if (t instanceof IDL.EmptyClass) return 'never';
  if (t instanceof IDL.NatClass || t instanceof IDL.IntClass) return 'bigint';
  if (t instanceof IDL.FixedNatClass || t instanceof IDL.FixedIntClass)
    return (t as unknown as { _bits: number })._bits === 64 ? 'bigint' : 'number';
  if (t instanceof IDL.FloatClass) return 'number';
  throw new Error(`no TypeScript type for ${t.display()}`);
}

function indent(s: string): string {
  return s.replace(/\n/g, '\n  ');
}

function results(f: IDL.FuncClass, named: Named): string {
  if (f.retTypes.length === 0) return 'void';
  if (f.retTypes.length === 1) return ts(f.retTypes[0]!, named);
  return `[${f.retTypes.map((r) => ts(r, named)).join(', ')}]`;
}

/** The generated module's text, formatted as the repository's Prettier settings say. */
export async function renderCandidTypes(): Promise<string> {
  const options = (await prettier.resolveConfig(GENERATED_TYPES)) ?? {};
  return prettier.format(renderRaw(), { ...options, parser: 'typescript' });
}

function renderRaw(): string {
  const named: Named = new Map();
  const aliases: Array<[string, IDL.Type]> = [];
  // Sorted by name: module namespace key order differs between loaders (tsx vs vitest).
  const exported = (Object.entries(candid) as Array<[string, unknown]>)
    .filter((e): e is [string, IDL.Type] => e[1] instanceof IDL.Type)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of exported) {
    // Records, variants and recursive types are referred to by name; other exports (primitives and
    // their aliases such as UserNumber = nat64, which share one IDL object) get an alias each.
    const nameable =
      (value instanceof IDL.RecordClass && !(value instanceof IDL.TupleClass)) ||
      value instanceof IDL.VariantClass ||
      value instanceof IDL.RecClass;
    if (nameable && !named.has(value)) named.set(value, name);
    else aliases.push([name, value]);
  }
  const lines = [
    '// Generated from src/candid.ts by scripts/candid-types.ts; do not edit.',
    "import type { Principal } from '@dfinity/principal';",
    '',
  ];
  for (const [type, name] of [...named].sort(([, a], [, b]) => (a < b ? -1 : 1))) {
    lines.push(`export type ${typeName(name)} = ${ts(type, named, true)};`);
  }
  for (const [name, type] of aliases)
    lines.push(`export type ${typeName(name)} = ${ts(type, named)};`);
  const actor = (name: string, factory: string, methods: Record<string, IDL.FuncClass>) => {
    lines.push('', `/** The actor interface: \`Actor.createActor<${name}>(${factory}, …)\`. */`);
    lines.push(`export interface ${name} {`);
    for (const [method, func] of Object.entries(methods)) {
      const args = func.argTypes.map((a, i) => `arg${i}: ${indent(ts(a, named))}`).join(', ');
      lines.push(`  ${key(method)}(${args}): Promise<${indent(results(func, named))}>;`);
    }
    lines.push('}');
  };
  actor('InternetIdentityService', 'idlFactory', candid.serviceMethods);
  actor('ArchiveService', 'archiveIdlFactory', candid.archiveServiceMethods);
  actor('ManagementService', 'IDL.Service(managementMethods)', candid.managementMethods);
  lines.push('');
  return lines.join('\n');
}

/** Rewrites the generated file when its content changed; returns whether it did. */
export async function writeCandidTypes(): Promise<boolean> {
  const text = await renderCandidTypes();
  let current = '';
  try {
    current = readFileSync(GENERATED_TYPES, 'utf8');
  } catch {
    // absent: written below
  }
  if (current === text) return false;
  writeFileSync(GENERATED_TYPES, text);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stderr.write(
    `${(await writeCandidTypes()) ? 'wrote' : 'unchanged'} ${GENERATED_TYPES}\n`,
  );
}
