import { describe, expect, it } from 'vitest';
import { diffDevices, redactDevice } from './operation.js';
import { passkey } from './testing/arbitraries.js';

describe('redactDevice', () => {
  it('drops alias, usage and metadata values, keeps metadata keys', () => {
    const d = passkey({
      alias: 'private name',
      lastUsage: 1n,
      metadata: [['usage_hint', { kind: 'string', value: 'secret' }]],
    });
    const r = redactDevice(d);
    expect(r).toEqual({
      pubkey: d.pubkey,
      credentialId: d.credentialId,
      purpose: d.purpose,
      keyType: d.keyType,
      protection: d.protection,
      origin: d.origin,
      metadataKeys: ['usage_hint'],
    });
    expect(JSON.stringify(r, (_k, v) => (v instanceof Uint8Array ? [] : v))).not.toMatch(
      /private|secret/,
    );
  });
});

describe('diffDevices', () => {
  it('is empty for equal devices (content equality, not identity)', () => {
    const d = passkey({ metadata: [['m', { kind: 'bytes', value: new Uint8Array([1]) }]] });
    const copy = {
      ...d,
      pubkey: d.pubkey.slice(),
      credentialId: d.credentialId!.slice(),
      metadata: [['m', { kind: 'bytes', value: new Uint8Array([1]) }]] as const,
    };
    expect(diffDevices(d, copy)).toEqual({});
  });

  it('reports changed metadata by keys only, and removed metadata as null', () => {
    const d = passkey({ metadata: [['a', { kind: 'string', value: 'x' }]] });
    expect(diffDevices(d, { ...d, metadata: [['a', { kind: 'string', value: 'y' }]] })).toEqual({
      metadataKeys: ['a'],
    });
    expect(diffDevices(d, { ...d, metadata: undefined })).toEqual({ metadataKeys: null });
    expect(diffDevices(d, { ...d, credentialId: undefined, keyType: 'cross_platform' })).toEqual({
      credentialId: null,
      keyType: 'cross_platform',
    });
  });
});
