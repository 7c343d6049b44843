import { describe, expect, it } from 'vitest';
import { calledTrap, contractViolation, toTrap, trapped } from './errors.js';

const ID = 'lxzze-o7777-77777-aaaaa-cai';

describe('toTrap', () => {
  it('formats ic0.trap as IC0503 with the message quoted', () => {
    const t = toTrap(calledTrap('boom'), ID);
    expect(t.errorCode).toBe('IC0503');
    expect(
      t.message.startsWith(
        `Error from Canister ${ID}: Canister called \`ic0.trap\` with message: 'boom'.`,
      ),
    ).toBe(true);
  });

  it('maps V8 wasm traps onto the IC trap codes (IC0502)', () => {
    const cases: [string, string][] = [
      ['unreachable', 'unreachable'],
      ['memory access out of bounds', 'heap out of bounds'],
      ['divide by zero', 'integer division by 0'],
      ['Maximum call stack size exceeded', 'stack overflow'],
    ];
    for (const [v8, ic] of cases) {
      const t = toTrap(new WebAssembly.RuntimeError(v8), ID);
      expect(t.errorCode).toBe('IC0502');
      expect(t.message).toContain(`Canister trapped: ${ic}.`);
    }
    expect(toTrap(trapped('heap out of bounds'), ID).message).toContain(
      'Canister trapped: heap out of bounds.',
    );
  });

  it('formats contract violations as IC0504', () => {
    const t = toTrap(contractViolation('ic0.msg_reply: the call is already replied'), ID);
    expect(t.errorCode).toBe('IC0504');
    expect(t.message).toContain(
      'Canister violated contract: ic0.msg_reply: the call is already replied.',
    );
  });

  it('never throws on odd values', () => {
    expect(toTrap('weird', ID).errorCode).toBe('IC0502');
  });
});
