import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_TYPES, renderCandidTypes } from './candid-types.js';

describe('the generated Candid types', () => {
  it('are current: regenerate with `node --import tsx canister/scripts/candid-types.ts`', async () => {
    expect(readFileSync(GENERATED_TYPES, 'utf8')).toBe(await renderCandidTypes());
  });

  it('give every service method its Candid signature', async () => {
    const text = await renderCandidTypes();
    expect(text).toMatch(
      /prepare_delegation\(\s*arg0: bigint,\s*arg1: string,\s*arg2: Uint8Array,\s*arg3: \[\] \| \[bigint\],?\s*\): Promise<\[Uint8Array, bigint\]>;/,
    );
    expect(text).toContain('export type DeviceDataT = {');
    expect(text).toMatch(/export type UserNumberT = bigint;/);
  });
});
