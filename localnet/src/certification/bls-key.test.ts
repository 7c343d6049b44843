import { blsVerify as agentBlsVerify } from '@dfinity/agent';
import { bls12_381 } from '@noble/curves/bls12-381';
import { describe, expect, it } from 'vitest';
import { BLS_DER_PREFIX, BLS_SIGNATURE_DST, BlsKey, blsVerify } from './bls-key.js';
import { hex } from './test-support.js';

describe('BlsKey', () => {
  const key = BlsKey.fromSeed(new Uint8Array(32).fill(1));
  const msg = new TextEncoder().encode('\x0dic-state-root0123456789abcdef0123456789abcdef');

  it('is min-sig: 96-byte keys, 48-byte signatures, the IC DST', () => {
    expect(key.publicKey).toHaveLength(96);
    expect(hex(key.publicKeyDer)).toBe(hex(BLS_DER_PREFIX) + hex(key.publicKey));
    expect(BLS_SIGNATURE_DST).toBe('BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_');
    const sig = key.sign(msg);
    expect(sig).toHaveLength(48);
    // The signature is the G1 hash of the message (with that DST) times the secret.
    expect(
      bls12_381.verifyShortSignature(sig, msg, key.publicKey, { DST: BLS_SIGNATURE_DST }),
    ).toBe(true);
  });

  it("verifies with the agent's own blsVerify and fails for another message or key", async () => {
    const sig = key.sign(msg);
    expect(await agentBlsVerify(key.publicKey, sig, msg)).toBe(true);
    expect(blsVerify(key.publicKey, sig, msg)).toBe(true);
    expect(blsVerify(key.publicKey, sig, new Uint8Array(3))).toBe(false);
    expect(blsVerify(BlsKey.fromSeed(new Uint8Array(32).fill(2)).publicKey, sig, msg)).toBe(false);
    expect(blsVerify(key.publicKey, new Uint8Array(48), msg)).toBe(false);
  });
});
