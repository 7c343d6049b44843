import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderArchiveDid, renderDid } from './did.js';

describe('the checked-in Candid interface', () => {
  it('is what src/candid.ts generates (run `npm run build -w canister` after changing the types)', () => {
    const checkedIn = readFileSync(
      join(import.meta.dirname, '..', 'internet_identity.did'),
      'utf8',
    );
    expect(checkedIn).toBe(renderDid());
  });

  it("the archive's is what src/candid.ts generates", () => {
    const checkedIn = readFileSync(
      join(import.meta.dirname, '..', 'archive', 'archive.did'),
      'utf8',
    );
    expect(checkedIn).toBe(renderArchiveDid());
  });

  it('declares every v1 method with the spec signature', () => {
    const did = renderDid();
    expect(did).toContain('prepare_delegation : (nat64, text, blob, opt nat64) -> (blob, nat64);');
    expect(did).toContain(
      'get_delegation : (nat64, text, blob, nat64) -> (GetDelegationResponse) query;',
    );
    expect(did).toContain('service : (opt InternetIdentityInit) -> {');
    expect(did).toMatch(/type MetadataMap = vec record \{ text; variant \{/);
  });
});
