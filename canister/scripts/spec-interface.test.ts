/**
 * The canister's interface is a superset of the spec's Candid service (test/fixtures/spec-service.did,
 * copied from the specification): every method the spec lists, with the same signature (argument
 * and result types structurally equal; our records may add `opt` fields, which a client of the
 * spec's .did neither sends nor reads), the same query/update mode, in the spec's order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as C from '../src/candid.js';
import { funcDifferences, typeDifferences } from './candid-compare.js';
import { parseDid } from './did-parser.js';

const spec = parseDid(
  readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'spec-service.did'), 'utf8'),
);
const ours: Record<string, (typeof C.serviceMethods)[keyof typeof C.serviceMethods]> =
  C.serviceMethods;

describe("the spec's Candid service", () => {
  it('has 39 methods, every one of them here', () => {
    expect(Object.keys(spec.methods)).toHaveLength(39);
    const missing = Object.keys(spec.methods).filter((m) => !(m in ours));
    expect(missing).toEqual([]);
  });

  for (const [name, func] of Object.entries(spec.methods)) {
    it(`${name}: same signature and mode`, () => {
      expect(funcDifferences(ours[name]!, func, name)).toEqual([]);
    });
  }

  it('lists them in the order of serviceMethods', () => {
    const specOrder = Object.keys(spec.methods);
    expect(Object.keys(ours).filter((m) => specOrder.includes(m))).toEqual(specOrder);
  });

  it('takes the same init argument (ours adds only opt fields)', () => {
    expect(spec.initArgs).toHaveLength(1);
    expect(typeDifferences(C.initArgTypes[0]!, spec.initArgs[0]!)).toEqual([]);
  });

  it('would be told apart: a changed signature is a difference', () => {
    expect(funcDifferences(ours.lookup!, spec.methods.get_anchor_info!)).not.toEqual([]);
  });
});
