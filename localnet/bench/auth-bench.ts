/**
 * Verifications per second of `authenticate` per scheme (run: npx tsx bench/auth-bench.ts).
 * Canister signatures are shown cold (certificate cache cleared each time) and warm (cached BLS).
 */
import {
  Cbor,
  Expiry,
  IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
  IC_ROOT_KEY,
  type Identity,
} from '@dfinity/agent';
import { decode } from '@dfinity/cbor';
import {
  DelegationChain,
  DelegationIdentity,
  ECDSAKeyIdentity,
  Ed25519KeyIdentity,
} from '@dfinity/identity';
import { Secp256k1KeyIdentity } from '@dfinity/identity-secp256k1';
import { Principal } from '@dfinity/principal';
import {
  authenticate,
  clearCertificateCache,
  delegationHash,
  parsePublicKey,
} from '../src/auth/index.js';
import { mainnetDelegationVector } from '../src/testing/test-vectors.js';

const rootKey = Buffer.from(IC_ROOT_KEY, 'hex');

async function envelope(id: Identity): Promise<unknown> {
  const body = {
    request_type: 'call',
    canister_id: Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai'),
    method_name: 'greet',
    arg: new Uint8Array(8),
    sender: id.getPrincipal(),
    ingress_expiry: Expiry.fromDeltaInMilliseconds(240_000),
  };
  const t = (await id.transformRequest({ endpoint: 'call', request: {}, body } as never)) as {
    body: unknown;
  };
  return decode(Cbor.encode(t.body));
}

async function measure(name: string, fn: () => Promise<unknown>, minMs = 1000): Promise<void> {
  await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    n++;
  }
  const perSec = (n * 1000) / (performance.now() - start);
  console.log(
    `${name.padEnd(44)} ${perSec.toFixed(0).padStart(7)} /s  (${(1000 / perSec).toFixed(3)} ms each)`,
  );
}

async function main(): Promise<void> {
  const now = () => BigInt(Date.now()) * 1_000_000n;
  const cases: Array<[string, Identity]> = [
    ['anonymous', new (await import('@dfinity/agent')).AnonymousIdentity()],
    ['ed25519', Ed25519KeyIdentity.generate()],
    ['ecdsa p-256', await ECDSAKeyIdentity.generate()],
    ['ecdsa secp256k1', Secp256k1KeyIdentity.generate()],
  ];
  const session = Ed25519KeyIdentity.generate();
  const chain = await DelegationChain.create(
    Ed25519KeyIdentity.generate(),
    session.getPublicKey(),
    new Date(Date.now() + 3_600_000),
  );
  cases.push(['ed25519 + 1 delegation', DelegationIdentity.fromDelegation(session, chain)]);
  for (const [name, id] of cases) {
    const env = await envelope(id);
    await measure(`authenticate ${name}`, async () => {
      const r = await authenticate(env, { now: now(), rootKey });
      if (!r.ok) throw new Error(r.message);
    });
  }
  // The real mainnet II delegation: canister signature with a subnet delegation (2 BLS checks).
  const v = mainnetDelegationVector();
  const link = v.chain.delegations[0];
  const msg = new Uint8Array([
    ...IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR,
    ...delegationHash({
      pubkey: Buffer.from(link.delegation.pubkey, 'hex'),
      expiration: BigInt('0x' + link.delegation.expiration),
    }),
  ]);
  const sig = Buffer.from(link.signature, 'hex');
  const verifier = parsePublicKey(Buffer.from(v.chain.publicKey, 'hex'), { rootKey });
  await measure(
    'canister signature (mainnet II), cold',
    async () => {
      clearCertificateCache();
      await verifier.verify(msg, sig);
    },
    2000,
  );
  await measure('canister signature (mainnet II), warm cache', () => verifier.verify(msg, sig));
}

await main();
