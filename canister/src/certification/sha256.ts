/**
 * The one SHA-256 entry point of the certification and delegation code. Inside the Azle canister a
 * hash costs real instructions (NOTES: ~1.5 ms per KiB), so every call is counted: tests and the
 * bench assert that tree updates hash along one path only, and the lead may export the counter.
 */
import { sha224 as nobleSha224, sha256 as nobleSha256 } from '@noble/hashes/sha2';

let calls = 0;

/** SHA-256 of the concatenation of `parts` (streamed, no intermediate copy). */
export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  calls++;
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
}

/** SHA-224 (self-authenticating principals); counted with the SHA-256 calls. */
export function sha224(data: Uint8Array): Uint8Array {
  calls++;
  return nobleSha224(data);
}

/** How many hashes were computed since the module was loaded (monotonic; diff two readings). */
export function hashCallCount(): number {
  return calls;
}
