import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';
import * as C from '../src/candid.js';
import { funcDifferences, typeDifferences } from './candid-compare.js';
import { parseDid } from './did-parser.js';
import { renderDid } from './did.js';

describe('the .did parser and the structural comparison', () => {
  it('read back the .did this package prints as the types of src/candid.ts', () => {
    const parsed = parseDid(renderDid());
    expect(Object.keys(parsed.methods)).toEqual(Object.keys(C.serviceMethods));
    for (const [name, func] of Object.entries(C.serviceMethods))
      expect(funcDifferences(func, parsed.methods[name]!, name)).toEqual([]);
    expect(typeDifferences(C.initArgTypes[0]!, parsed.initArgs[0]!)).toEqual([]);
  });

  it('parse positional records, variants without types, argument names, comments and recursion', () => {
    const { types, methods, initArgs } = parseDid(`
      // a comment
      type Pair = record { text; nat64 };
      /* another */ type Tree = variant { leaf; node : record { left : Tree; right : Tree } };
      service : (opt Pair) -> {
        walk : (tree : Tree, "quoted" : blob) -> (vec Pair) query;
      }`);
    expect(typeDifferences(types.get('Pair')!, IDL.Tuple(IDL.Text, IDL.Nat64))).toEqual([]);
    const tree = IDL.Rec();
    tree.fill(IDL.Variant({ leaf: IDL.Null, node: IDL.Record({ left: tree, right: tree }) }));
    expect(typeDifferences(types.get('Tree')!, tree)).toEqual([]);
    expect(
      funcDifferences(
        methods.walk!,
        IDL.Func([tree, IDL.Vec(IDL.Nat8)], [IDL.Vec(IDL.Tuple(IDL.Text, IDL.Nat64))], ['query']),
      ),
    ).toEqual([]);
    expect(initArgs).toHaveLength(1);
  });

  it('give types that encode: an alias of a primitive, a recursive type through an alias', () => {
    const { methods } = parseDid(`
      type Name = text;
      type List = opt Cell;
      type Cell = record { head : Name; tail : List };
      service : { put : (Name, List) -> (); }`);
    const [name, list] = methods.put!.argTypes;
    const value = [{ head: 'a', tail: [{ head: 'b', tail: [] }] }];
    const bytes = IDL.encode([name!, list!], ['x', value]);
    expect(IDL.decode([IDL.Text, list!], bytes)).toEqual(['x', value]);
  });

  it('report what differs, and allow only extra opt fields', () => {
    const theirs = IDL.Record({ a: IDL.Nat64, v: IDL.Variant({ x: IDL.Null }) });
    expect(
      typeDifferences(
        IDL.Record({ a: IDL.Nat64, v: IDL.Variant({ x: IDL.Null }), extra: IDL.Opt(IDL.Text) }),
        theirs,
      ),
    ).toEqual([]);
    expect(
      typeDifferences(IDL.Record({ a: IDL.Nat32, v: IDL.Variant({ x: IDL.Null }) }), theirs),
    ).toEqual(['.a: nat32 here, nat64 there']);
    expect(
      typeDifferences(
        IDL.Record({ a: IDL.Nat64, v: IDL.Variant({ x: IDL.Null, y: IDL.Null }) }),
        theirs,
      ),
    ).toEqual(['.v#y: extra case']);
    expect(
      typeDifferences(IDL.Record({ v: IDL.Variant({ x: IDL.Null }), b: IDL.Text }), theirs),
    ).toEqual(['.a: missing here', '.b: an extra field that is not opt']);
    expect(
      funcDifferences(IDL.Func([IDL.Nat64], [], []), IDL.Func([IDL.Nat64], [], ['query'])),
    ).toEqual([": annotations '' here, 'query' there"]);
  });
});
