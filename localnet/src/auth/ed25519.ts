/** Ed25519 request signatures (RFC 8410 DER keys), verified natively by Node's crypto. */
import { verify } from 'node:crypto';
import { spkiPublicKey } from './key-cache.js';
import { SignatureError } from './errors.js';
import type { Spki } from './spki.js';
import type { Verifier } from './verifier.js';

export const ED25519_OID = '1.3.101.112';

export function ed25519Verifier(der: Uint8Array, spki: Spki): Verifier {
  if (spki.parameters !== undefined || spki.key.length !== 32) {
    throw new SignatureError('Ed25519 public key must be 32 bytes without parameters');
  }
  const key = spkiPublicKey(der);
  return {
    scheme: 'ed25519',
    async verify(message, signature) {
      // The callback form runs in libuv's thread pool: the event loop (HTTP, canister execution)
      // goes on while another core checks the signature.
      const valid =
        signature.length === 64 &&
        (await new Promise<boolean>((resolve) =>
          verify(null, message, key, signature, (error, ok) => resolve(!error && ok)),
        ));
      if (!valid) throw new SignatureError('Ed25519 signature could not be verified');
    },
  };
}
