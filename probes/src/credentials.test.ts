import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, describe, expect, it } from 'vitest';
import { newPasskey, readCredentials, writeCredentials } from './credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'ii-creds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the credentials file', () => {
  it('is written with mode 0600, read back, and never replaced without force', async () => {
    const passkey = await newPasskey('identity.ic0.app');
    const creds = {
      version: 1 as const,
      target: 'production',
      canisterId: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
      anchor: '10000',
      deviceKey: Ed25519KeyIdentity.generate().toJSON(),
      passkeys: [{ hostname: 'identity.ic0.app', credential: passkey.credential }],
      principals: {},
      enrolledAt: new Date().toISOString(),
    };
    const path = join(dir, 'sub', 'creds.json');
    writeCredentials(path, creds);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readCredentials(path)).toEqual(creds);
    expect(() => writeCredentials(path, creds)).toThrow(/exists: pass --force/);
    writeCredentials(path, creds, true);
  });

  it('makes a P-256 passkey the IC accepts: its 77-byte COSE key wrapped in DER', async () => {
    const p = await newPasskey('identity.internetcomputer.org');
    expect(p.credential.rpId).toBe('identity.internetcomputer.org');
    expect(p.credentialId).toHaveLength(32);
    // SEQUENCE(94) { SEQUENCE(12) { OID 1.3.6.1.4.1.56387.1.1 }, BIT STRING(78) { 0, COSE key (77) } }.
    expect(p.pubkeyDer).toHaveLength(96);
    expect(Buffer.from(p.pubkeyDer.subarray(0, 2)).toString('hex')).toBe('305e');
    expect(Buffer.from(p.pubkeyDer.subarray(19, 23)).toString('hex')).toBe('a5010203');
  });
});
