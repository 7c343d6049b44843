import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from './bytes.js';
import { DUMMY_AUTH_PREFIX, createDummyPasskey, dummyIdentityFor } from './dummy-auth.js';
import { FrontendError } from './errors.js';
import { MemoryStorage } from './fake-storage.test-support.js';

describe('the test flavor authenticator', () => {
  it('registers a key it finds again by credential id, and signs with it', async () => {
    const storage = new MemoryStorage();
    const created = createDummyPasskey(storage);
    expect([...storage.data.keys()]).toEqual([
      DUMMY_AUTH_PREFIX + toBase64Url(created.credentialId),
    ]);
    const other = createDummyPasskey(storage);
    const found = dummyIdentityFor(
      [
        { credentialId: new Uint8Array(16), pubkey: new Uint8Array(44) },
        { credentialId: created.credentialId, pubkey: created.publicKeyDer },
      ],
      storage,
    );
    expect(found.getPrincipal().toText()).toBe(
      Principal.selfAuthenticating(created.publicKeyDer).toText(),
    );
    expect(found.getPrincipal().toText()).not.toBe(other.identity.getPrincipal().toText());
    expect((await found.sign(new Uint8Array([1, 2, 3]))).byteLength).toBe(64);
  });

  it("refuses an anchor whose keys are not in this browser, or whose stored key is another's", () => {
    const storage = new MemoryStorage();
    const created = createDummyPasskey(storage);
    const elsewhere = createDummyPasskey(new MemoryStorage());
    const refused = (pubkey: Uint8Array, id = created.credentialId) => {
      try {
        dummyIdentityFor([{ credentialId: id, pubkey }], storage);
      } catch (e) {
        return e instanceof FrontendError ? e.code : String(e);
      }
      return 'accepted';
    };
    expect(refused(elsewhere.publicKeyDer, elsewhere.credentialId)).toBe('passkey_unknown');
    expect(refused(elsewhere.publicKeyDer)).toBe('passkey_unknown');
    storage.setItem(DUMMY_AUTH_PREFIX + toBase64Url(created.credentialId), 'not json');
    expect(refused(created.publicKeyDer)).toBe('passkey_unknown');
  });

  it('refuses to register without storage (the key could never sign in again)', () => {
    expect(() => createDummyPasskey(null)).toThrow(FrontendError);
  });
});
