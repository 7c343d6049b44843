import { IC_ROOT_KEY } from '@dfinity/agent';
import { ECDSAKeyIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { describe, expect, it } from 'vitest';
import { authenticate, signedEnvelope } from '@ii/localnet/testing';
import { createSession, DEFAULT_SESSION_TTL_NS } from './session.js';

const rootKey = Uint8Array.from(IC_ROOT_KEY.match(/../g)!, (h) => parseInt(h, 16));
const nowNs = () => BigInt(Date.now()) * 1_000_000n;

describe('createSession', () => {
  it('signs calls with a session key that the IC accepts as the device', async () => {
    const device = Ed25519KeyIdentity.generate();
    const before = nowNs();
    const session = await createSession(device);
    expect(session.getPrincipal().toText()).toBe(device.getPrincipal().toText());
    const [d] = session.getDelegation().delegations;
    expect(d.delegation.expiration).toBeGreaterThanOrEqual(
      before + DEFAULT_SESSION_TTL_NS - 1_000_000n,
    );
    expect(d.delegation.expiration).toBeLessThanOrEqual(nowNs() + DEFAULT_SESSION_TTL_NS);
    // The session key is P-256 (OID 1.2.840.10045.2.1), not the device key.
    expect(Buffer.from(d.delegation.pubkey).toString('hex')).toContain('2a8648ce3d0201');
    const result = await authenticate(await signedEnvelope(session), { now: nowNs(), rootKey });
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.sender.toText()).toBe(device.getPrincipal().toText());
  });

  it('uses a pre-generated session key and the requested lifetime', async () => {
    const device = Ed25519KeyIdentity.generate();
    const key = await ECDSAKeyIdentity.generate();
    const session = await createSession(device, 5_000_000_000n, key);
    const [d] = session.getDelegation().delegations;
    expect(Buffer.from(d.delegation.pubkey)).toEqual(Buffer.from(key.getPublicKey().toDer()));
    const ttl = d.delegation.expiration - nowNs();
    expect(ttl).toBeGreaterThan(4_000_000_000n);
    expect(ttl).toBeLessThanOrEqual(5_000_000_000n);
    // Past its expiry (the call itself still being fresh) the IC refuses the delegation.
    const envelope = await signedEnvelope(session);
    expect(await authenticate(envelope, { now: nowNs(), rootKey })).toMatchObject({ ok: true });
    const result = await authenticate(envelope, { now: d.delegation.expiration + 1n, rootKey });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/expir/i) });
  });
});
