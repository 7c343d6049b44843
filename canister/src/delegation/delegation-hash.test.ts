import { hashOfMap } from '@dfinity/agent';
import { DelegationChain, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delegationHash as localnetDelegationHash, lookupPath } from '@ii/localnet/testing';
import { asHex, nodeSha256 } from '../certification/test-support.js';
import { parseCanisterSigPublicKeyDer } from './canister-sig-key.js';
import {
  DELEGATION_DOMAIN_SEPARATOR,
  delegationHash,
  delegationMessageHash,
  delegationSignaturePayload,
} from './delegation-hash.js';
import { mainnet } from './test-mainnet-vector.js';

describe('delegation hash and signed payload', () => {
  it('separator is 0x1A "ic-request-auth-delegation" (27 bytes)', () => {
    expect(DELEGATION_DOMAIN_SEPARATOR.length).toBe(27);
    expect(asHex(DELEGATION_DOMAIN_SEPARATOR)).toBe(
      '1a' + Buffer.from('ic-request-auth-delegation').toString('hex'),
    );
  });

  it('is exactly what @dfinity/identity DelegationChain.create signs', async () => {
    const from = Ed25519KeyIdentity.generate();
    const to = Ed25519KeyIdentity.generate().getPublicKey();
    const signed: Uint8Array[] = [];
    const sign = from.sign.bind(from);
    from.sign = async (blob) => {
      signed.push(new Uint8Array(blob));
      return sign(blob);
    };
    const targets = [Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai')];
    for (const t of [undefined, targets]) {
      const chain = await DelegationChain.create(from, to, new Date(1_900_000_000_000), {
        targets: t,
      });
      const d = chain.delegations[0].delegation;
      const ours = delegationSignaturePayload({
        pubkey: new Uint8Array(to.toDer()),
        expiration: d.expiration,
        targets: t?.map((p) => p.toUint8Array()),
      });
      expect(asHex(ours)).toBe(asHex(signed.at(-1)!));
    }
    expect(signed).toHaveLength(2);
  });

  it('equals the agent hashOfMap and localnet verifier hash for any field values', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.option(fc.array(fc.uint8Array({ maxLength: 29 }), { maxLength: 3 }), { nil: undefined }),
        (pubkey, expiration, targets) => {
          const ours = asHex(delegationHash({ pubkey, expiration, targets }));
          const map = targets ? { pubkey, expiration, targets } : { pubkey, expiration };
          expect(ours).toBe(asHex(hashOfMap(map)));
          expect(ours).toBe(asHex(localnetDelegationHash({ pubkey, expiration, targets })));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the real mainnet delegation: its message hash is a leaf "" under sig/<sha256(seed)>', () => {
    expect(mainnet.expiration).toBe(mainnet.expirationDecimal);
    const { seed } = parseCanisterSigPublicKeyDer(mainnet.userKey)!;
    const msgHash = delegationMessageHash({
      pubkey: mainnet.sessionKey,
      expiration: mainnet.expiration,
    });
    expect(msgHash).toEqual(
      nodeSha256(
        delegationSignaturePayload({ pubkey: mainnet.sessionKey, expiration: mainnet.expiration }),
      ),
    );
    expect(lookupPath(['sig', nodeSha256(seed), msgHash], mainnet.tree)).toEqual({
      status: 'found',
      value: new Uint8Array(),
    });
    const otherExpiry = delegationMessageHash({
      pubkey: mainnet.sessionKey,
      expiration: mainnet.expiration + 1n,
    });
    expect(lookupPath(['sig', nodeSha256(seed), otherExpiry], mainnet.tree).status).not.toBe(
      'found',
    );
  });
});
