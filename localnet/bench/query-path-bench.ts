/**
 * Where a served query's CPU goes, stage by stage, without HTTP or a client: an in-process
 * localnet with the fixture canister, and pre-signed Ed25519 query envelopes pushed through the
 * same functions the /query route calls.
 *
 *   cd localnet && npx tsx bench/query-path-bench.ts [--count 3000] [--method get]
 *
 * Prints CPU µs per query for each stage (process CPU time, median of 5 passes), and what one
 * Ed25519 signature and one verification cost alone.
 */
import { requestIdOf } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import { type KeyObject, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { authenticate } from '../src/auth/index.js';
import { parseEnvelope } from '../src/http/api/envelope.js';
import { startLocalnet } from '../src/localnet.js';
import { Clock } from '../src/replica/clock.js';
import { buildFixtures, fixtureWasm } from '../src/testing/fixtures.js';
import { fixtureInitArg } from '../test/fixture-idl.test-support.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const COUNT = Number(arg('count', '3000'));
const METHOD = arg('method', 'get');

await buildFixtures();
const localnet = await startLocalnet({ port: 0 });
try {
  const canisterId = await localnet.installCanister(fixtureWasm(), { arg: fixtureInitArg(1n) });
  const { replica } = localnet;

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const sender = Principal.selfAuthenticating(der).toUint8Array();
  const expiry = BigInt(Date.now() + 4 * 60_000) * 1_000_000n;
  const bodies: Uint8Array[] = [];
  for (let i = 0; i < COUNT; i++) {
    const content = {
      request_type: 'query',
      canister_id: canisterId.toUint8Array(),
      method_name: METHOD,
      arg: new Uint8Array(IDL.encode([], [])),
      sender,
      ingress_expiry: expiry,
      nonce: new Uint8Array(randomBytes(16)),
    };
    const id = requestIdOf(content);
    const sig = sign(
      null,
      Buffer.concat([Buffer.from('\x0Aic-request'), id]),
      privateKey as KeyObject,
    );
    bodies.push(
      encodeWithSelfDescribedTag({
        content,
        sender_pubkey: der,
        sender_sig: new Uint8Array(sig),
      } as never),
    );
  }

  /** CPU µs per item of `fn` over all items, median of 5 passes. */
  const stage = async <T, R>(
    items: T[],
    fn: (x: T) => R | Promise<R>,
  ): Promise<{ us: number; out: R[] }> => {
    const passes: number[] = [];
    let out: R[] = [];
    for (let pass = 0; pass < 5; pass++) {
      out = [];
      const c0 = process.cpuUsage();
      for (const x of items) out.push(await fn(x));
      const c = process.cpuUsage(c0);
      passes.push((c.user + c.system) / items.length);
    }
    passes.sort((a, b) => a - b);
    return { us: passes[2]!, out };
  };

  const parsed = await stage(bodies, (b) => parseEnvelope(b, 'query'));
  const authed = await stage(parsed.out, (envelope) =>
    authenticate(envelope, {
      now: Clock.wallNs(),
      effectiveCanisterId: canisterId.toUint8Array(),
      rootKey: replica.state.rootKeyDer,
    }),
  );
  const ok = authed.out.map((r) => {
    if (!r.ok) throw new Error(r.message);
    return r;
  });
  const executed = await stage(ok, (a) =>
    replica.query(canisterId, METHOD, new Uint8Array(IDL.encode([], [])), a.sender),
  );
  const signed = await stage(
    executed.out.map((r, i) => [r, ok[i]!.requestId] as const),
    ([r, rid]) => encodeWithSelfDescribedTag(replica.state.signQueryResponse(rid, r) as never),
  );
  const total = parsed.us + authed.us + executed.us + signed.us;
  // The protocol's own signature costs on this machine, for comparison.
  const message = Buffer.alloc(43, 1);
  const signature = sign(null, message, privateKey as KeyObject);
  const edSign = await stage(bodies, () => sign(null, message, privateKey as KeyObject));
  const edVerify = await stage(bodies, () => verify(null, message, publicKey, signature));
  console.log(`\nquery \`${METHOD}\` path, ${COUNT} envelopes, CPU µs per query (median of 5)`);
  console.log('| stage | µs |');
  console.log('|---|---|');
  console.log(`| CBOR decode + envelope checks | ${parsed.us.toFixed(0)} |`);
  console.log(`| authentication (request id, Ed25519 verify, expiry) | ${authed.us.toFixed(0)} |`);
  console.log(`| execution (wasm, rollback, metrics) | ${executed.us.toFixed(0)} |`);
  console.log(`| node signature + CBOR encode | ${signed.us.toFixed(0)} |`);
  console.log(`| total without HTTP | ${total.toFixed(0)} |`);
  console.log(`| (Ed25519 sign alone, node:crypto) | ${edSign.us.toFixed(0)} |`);
  console.log(`| (Ed25519 verify alone, node:crypto) | ${edVerify.us.toFixed(0)} |`);
} finally {
  await localnet.stop();
}
