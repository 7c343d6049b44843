import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import {
  authorizeFailure,
  authorizeReady,
  authorizeSuccess,
  delegationFromCandid,
  parseAuthRequest,
} from './protocol.js';

const key = new Uint8Array([0x30, 0x2a, 1, 2, 3]);

describe('parseAuthRequest', () => {
  it('accepts a full request', () => {
    const r = parseAuthRequest({
      kind: 'authorize-client',
      sessionPublicKey: key,
      maxTimeToLive: 28_800_000_000_000n,
      derivationOrigin: 'https://2vxsx-fae.icp0.io',
      allowPinAuthentication: false,
      autoSelectionPrincipal: '2vxsx-fae',
    });
    expect(r).toEqual({
      ok: true,
      warnings: [],
      request: {
        kind: 'authorize-client',
        sessionPublicKey: key,
        maxTimeToLive: 28_800_000_000_000n,
        derivationOrigin: 'https://2vxsx-fae.icp0.io',
        allowPinAuthentication: false,
        autoSelectionPrincipal: '2vxsx-fae',
      },
    });
  });

  it('accepts the minimal request and a number maxTimeToLive with a warning', () => {
    const min = parseAuthRequest({ kind: 'authorize-client', sessionPublicKey: key });
    expect(min).toEqual({
      ok: true,
      warnings: [],
      request: { kind: 'authorize-client', sessionPublicKey: key },
    });
    const n = parseAuthRequest({
      kind: 'authorize-client',
      sessionPublicKey: key,
      maxTimeToLive: 1e12,
    });
    expect(n.ok && n.request.maxTimeToLive).toBe(1_000_000_000_000n);
    expect(n.ok && n.warnings[0]).toMatch(/bigint/);
  });

  it('rejects everything else with a reason', () => {
    const bad: unknown[] = [
      null,
      'authorize-client',
      { kind: 'authorize-ready' },
      { kind: 'authorize-client' },
      { kind: 'authorize-client', sessionPublicKey: [1, 2, 3] },
      { kind: 'authorize-client', sessionPublicKey: new Uint8Array() },
      { kind: 'authorize-client', sessionPublicKey: key, maxTimeToLive: -1n },
      { kind: 'authorize-client', sessionPublicKey: key, maxTimeToLive: 1.5 },
      { kind: 'authorize-client', sessionPublicKey: key, maxTimeToLive: '100' },
      { kind: 'authorize-client', sessionPublicKey: key, derivationOrigin: 5 },
      { kind: 'authorize-client', sessionPublicKey: key, allowPinAuthentication: 'yes' },
    ];
    for (const b of bad) {
      const r = parseAuthRequest(b);
      expect(
        r.ok,
        JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)),
      ).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^Invalid authorize-client request: /);
    }
  });
});

describe('responses', () => {
  it('builds the spec messages', () => {
    expect(authorizeReady()).toEqual({ kind: 'authorize-ready' });
    expect(authorizeFailure('no')).toEqual({ kind: 'authorize-client-failure', text: 'no' });
    const signed = delegationFromCandid({
      delegation: { pubkey: key, expiration: 5n, targets: [] },
      signature: new Uint8Array([9]),
    });
    expect(signed).toEqual({
      delegation: { pubkey: key, expiration: 5n },
      signature: new Uint8Array([9]),
    });
    expect('targets' in signed.delegation).toBe(false);
    const target = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
    const withTargets = delegationFromCandid({
      delegation: { pubkey: key, expiration: 5n, targets: [[target]] },
      signature: new Uint8Array([9]),
    });
    expect(withTargets.delegation.targets).toEqual([target]);
    const msg = authorizeSuccess({
      delegations: [signed],
      userPublicKey: new Uint8Array([7]),
      authnMethod: 'passkey',
    });
    expect(msg).toEqual({
      kind: 'authorize-client-success',
      delegations: [
        { delegation: { pubkey: key, expiration: 5n }, signature: new Uint8Array([9]) },
      ],
      userPublicKey: new Uint8Array([7]),
      authnMethod: 'passkey',
    });
    // What the dapp receives is a structured clone: it must survive one.
    expect(structuredClone(msg)).toEqual(msg);
  });
});
