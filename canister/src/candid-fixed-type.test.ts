import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { type ArchiveEntryT, ArchiveEntry } from './candid.js';
import { fixedTypeEncoder } from './candid-fixed-type.js';

const device = {
  pubkey: new Uint8Array([1, 2, 3]),
  credential_id: [new Uint8Array([4])] as [Uint8Array],
  aaguid: [] as [],
  purpose: { authentication: null },
  key_type: { platform: null },
  protection: { unprotected: null },
  origin: ['https://identity.ic0.app'] as [string],
  metadata_keys: [['a', 'b']] as [string[]],
};
const entry = (operation: ArchiveEntryT['operation'], n: bigint): ArchiveEntryT => ({
  anchor: 10_000n + n,
  operation,
  timestamp: 1_700_000_000_000_000_000n + n,
  caller: Principal.fromText('2vxsx-fae'),
  sequence_number: n,
});

describe('fixedTypeEncoder', () => {
  it("gives IDL.encode's bytes for every kind of archive entry, the first and the later ones", () => {
    const encode = fixedTypeEncoder(ArchiveEntry);
    const entries = [
      entry({ register_anchor: { device } }, 0n),
      entry({ add_device: { device: { ...device, origin: [], metadata_keys: [] } } }, 1n),
      entry({ remove_device: { device: new Uint8Array(200) } }, 2n),
      entry({ register_anchor: { device } }, 3n),
    ];
    for (const e of entries)
      expect(Buffer.from(encode(e)).toString('hex')).toBe(
        Buffer.from(IDL.encode([ArchiveEntry], [e])).toString('hex'),
      );
    expect(IDL.decode([ArchiveEntry], encode(entries[2]!))).toEqual([entries[2]]);
  });

  it('refuses a value that is not of the type, as IDL.encode does', () => {
    const encode = fixedTypeEncoder(IDL.Record({ n: IDL.Nat64 }));
    expect(() => encode({ n: 'x' } as unknown as { n: bigint })).toThrow();
  });
});
