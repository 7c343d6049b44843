import { Ed25519PublicKey } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { ed25519 } from '@noble/curves/ed25519';
import { describe, expect, it } from 'vitest';
import { ed25519Verify, NodeKey } from './node-key.js';

describe('NodeKey', () => {
  const key = NodeKey.fromSeed(new Uint8Array(32).fill(1));

  it('has a 44-byte SPKI DER key and a self-authenticating node id', () => {
    expect(key.publicKeyDer).toHaveLength(44);
    expect(Ed25519PublicKey.fromDer(key.publicKeyDer).rawKey).toHaveLength(32);
    expect(key.nodeId.toText()).toBe(Principal.selfAuthenticating(key.publicKeyDer).toText());
    expect(NodeKey.fromSeed(new Uint8Array(32).fill(1)).nodeId.toText()).toBe(key.nodeId.toText());
  });

  it('signs standard Ed25519 (verified by @noble/curves) and verifies its own signatures', () => {
    const msg = new TextEncoder().encode('hello');
    const sig = key.sign(msg);
    expect(ed25519.verify(sig, msg, Ed25519PublicKey.fromDer(key.publicKeyDer).rawKey)).toBe(true);
    expect(ed25519Verify(key.publicKeyDer, msg, sig)).toBe(true);
    expect(ed25519Verify(key.publicKeyDer, new TextEncoder().encode('hellp'), sig)).toBe(false);
    expect(ed25519Verify(new Uint8Array(3), msg, sig)).toBe(false);
  });
});
