/**
 * End-to-end load benchmark: localnet runs in its own process (as `npx localnet start` does) and
 * several @dfinity/agent clients in this one call it concurrently, with verification on (update
 * certificates checked against the root key, query replies against node signatures).
 *
 *   cd localnet && npx tsx bench/load-bench.ts [--seconds 10] [--agents 8]
 *
 * Prints a table of figures; BENCHMARKS.md records them with the command that produced them.
 */
import { Actor, HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { decode, encodeWithSelfDescribedTag } from '@dfinity/cbor';
import type { Principal } from '@dfinity/principal';
import { randomBytes } from 'node:crypto';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { bls12_381 } from '@noble/curves/bls12-381';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { emptySettings, managementActor } from '../src/management-actor.js';
import { buildFixtures, fixtureWasm } from '../src/testing/fixtures.js';
import { type FixtureActor, fixtureIdl, fixtureInitArg } from '../test/fixture-idl.test-support.js';
import { startLocalnetChild } from './child.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const AGENTS = arg('agents', 8);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/**
 * The agent verifies every certificate's BLS signature (~25 ms of client CPU each). All calls that
 * finish in one round share one signature, so the clients memoise verified (key, signature, message)
 * triples: still a full verification of every distinct signature, without paying for the same one
 * twice. Without this the 2-core machine measures its own client, not localnet.
 */
const verified = new Set<string>();
async function memoBlsVerify(pk: Uint8Array, sig: Uint8Array, msg: Uint8Array): Promise<boolean> {
  const key = Buffer.concat([pk, sig, msg]).toString('base64');
  if (verified.has(key)) return true;
  const ok = bls12_381.verifyShortSignature(sig, msg, pk);
  if (ok) verified.add(key);
  return ok;
}

async function run(
  label: string,
  agents: FixtureActor[],
  call: (a: FixtureActor) => Promise<unknown>,
) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    agents.map(async (a) => {
      while (performance.now() < deadline) {
        const s = performance.now();
        try {
          await call(a);
          latencies.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((x, y) => x - y);
  return {
    label,
    perSecond: Math.round(latencies.length / elapsed),
    p50: percentile(latencies, 50).toFixed(1),
    p99: percentile(latencies, 99).toFixed(1),
    calls: latencies.length,
    errors,
  };
}

/**
 * Server capacity: envelopes are signed before the clock starts (the agent's own Ed25519 identity and
 * request ids), then posted over keep-alive connections by plain fetch. localnet still decodes,
 * authenticates (checks every signature), executes and certifies each one; the client only checks
 * the HTTP status and the reply's status field, so the 2 cores measure localnet, not JS crypto.
 */
async function presigned(
  url: string,
  canisterId: Principal,
  kind: 'call' | 'query',
  method: string,
  count: number,
) {
  const identity = Ed25519KeyIdentity.generate();
  const sender = identity.getPrincipal().toUint8Array();
  const expiry = BigInt(Date.now() + 4 * 60_000) * 1_000_000n;
  const bodies: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const content = {
      request_type: kind,
      canister_id: canisterId.toUint8Array(),
      method_name: method,
      arg: new Uint8Array(IDL.encode([], [])),
      sender,
      ingress_expiry: expiry,
      nonce: new Uint8Array(randomBytes(16)),
    };
    const signed = (await identity.transformRequest({
      endpoint: kind,
      request: {},
      body: content,
    } as never)) as { body: unknown };
    bodies.push(encodeWithSelfDescribedTag(signed.body as never));
  }
  const path =
    kind === 'call'
      ? `/api/v3/canister/${canisterId.toText()}/call`
      : `/api/v2/canister/${canisterId.toText()}/query`;
  return { bodies, endpoint: new URL(path, url).href };
}

async function blast(label: string, endpoint: string, bodies: Uint8Array[], concurrency: number) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const s = performance.now();
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/cbor' },
          body,
        });
        const reply = decode(new Uint8Array(await res.arrayBuffer())) as {
          status?: string;
          certificate?: Uint8Array;
        };
        if (res.status === 200 && (reply.status === 'replied' || reply.certificate))
          latencies.push(performance.now() - s);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((x, y) => x - y);
  return {
    label,
    perSecond: Math.round(latencies.length / elapsed),
    p50: percentile(latencies, 50).toFixed(1),
    p99: percentile(latencies, 99).toFixed(1),
    calls: latencies.length,
    errors,
  };
}

async function main() {
  await buildFixtures();
  const { child, url, startupMs } = await startLocalnetChild();
  try {
    const admin = await HttpAgent.create({ host: url, shouldFetchRootKey: true });
    const ic = managementActor(admin);
    const t0 = performance.now();
    const { canister_id } = await ic.provisional_create_canister_with_cycles({
      amount: [],
      settings: [{ ...emptySettings(), controllers: [[await admin.getPrincipal()]] }],
      specified_id: [],
      sender_canister_version: [],
    });
    const wasm = gzipSync(fixtureWasm());
    await ic.install_code({
      mode: { install: null },
      canister_id,
      wasm_module: wasm,
      arg: fixtureInitArg(1n),
      sender_canister_version: [],
    });
    const installMs = performance.now() - t0;

    const makeActors = async (memo: boolean) =>
      Promise.all(
        Array.from({ length: AGENTS }, async () => {
          const agent = await HttpAgent.create({
            host: url,
            identity: Ed25519KeyIdentity.generate(),
            shouldFetchRootKey: true,
          });
          return Actor.createActor<FixtureActor>(fixtureIdl, {
            agent,
            canisterId: canister_id,
            ...(memo ? { blsVerify: memoBlsVerify } : {}),
          });
        }),
      );
    const memoActors = await makeActors(true);
    const plainActors = await makeActors(false);
    const rows = [];
    rows.push(
      await run(`update (${AGENTS} agents, memoised BLS verify)`, memoActors, (a) => a.inc()),
    );
    rows.push(
      await run(`update (${AGENTS} agents, full BLS verify each call)`, plainActors, (a) =>
        a.inc(),
      ),
    );
    rows.push(
      await run(`query (${AGENTS} agents, node signatures verified)`, memoActors, (a) => a.get()),
    );
    const CONCURRENCY = 32;
    const updates = await presigned(url, canister_id, 'call', 'inc', 3000);
    rows.push(
      await blast(
        `update, v3 sync call (pre-signed Ed25519, ${CONCURRENCY} in flight)`,
        updates.endpoint,
        updates.bodies,
        CONCURRENCY,
      ),
    );
    const queries = await presigned(url, canister_id, 'query', 'get', 10000);
    rows.push(
      await blast(
        `query (pre-signed Ed25519, ${CONCURRENCY} in flight)`,
        queries.endpoint,
        queries.bodies,
        CONCURRENCY,
      ),
    );
    const memory = rssMb(child.pid!);

    console.log(
      `\nlocalnet load benchmark — ${SECONDS} s per row, ${AGENTS} concurrent agents, Ed25519 identities`,
    );
    console.log(`startup (spawn → ready line): ${startupMs.toFixed(0)} ms`);
    console.log(
      `install fixture (create + install_code, gzipped ${(wasm.length / 1e6).toFixed(2)} MB): ${installMs.toFixed(0)} ms`,
    );
    console.log(`localnet RSS after the runs: ${memory} MB\n`);
    console.log('| workload | calls/s | p50 ms | p99 ms | calls | errors |');
    console.log('|---|---|---|---|---|---|');
    for (const r of rows)
      console.log(
        `| ${r.label} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.calls} | ${r.errors} |`,
      );
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
