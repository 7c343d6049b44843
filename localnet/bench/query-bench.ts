/**
 * Served queries and updates per second against a localnet in its own process, with a client
 * that verifies every query reply's node signature (the check @dfinity/agent makes: Ed25519 over
 * "\x0Bic-response" ‖ the reply's representation-independent hash, with the node key read from the
 * certified subnet state), and that is kept off localnet's core as far as two cores allow.
 *
 *   cd localnet && npx tsx bench/query-bench.ts [--seconds 10] [--concurrency 32] [--workers 1]
 *       [--verify on|off] [--method get] [--queries on|off] [--updates on|off]
 *
 * Envelopes are signed before the clock starts (Ed25519 via node:crypto, a fresh nonce each, so no
 * two requests are alike) and posted over keep-alive connections by `--workers` client processes.
 * localnet still parses, authenticates (checks every signature), executes and signs each one.
 * PROF=1 runs localnet with --cpu-prof (profile written to /tmp/prof when it stops).
 */
import { HttpAgent, hashOfMap, requestIdOf } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { decode, encodeWithSelfDescribedTag } from '@dfinity/cbor';
import { Principal } from '@dfinity/principal';
import { spawn } from 'node:child_process';
import {
  type KeyObject,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { emptySettings, managementActor } from '../src/management-actor.js';
import { buildFixtures, fixtureWasm } from '../src/testing/fixtures.js';
import { fixtureInitArg } from '../test/fixture-idl.test-support.js';
import { startLocalnetChild } from './child.js';

const REQUEST_DOMAIN = Buffer.from('\x0Aic-request');
const RESPONSE_DOMAIN = Buffer.from('\x0Bic-response');

interface Job {
  url: string;
  canisterId: Uint8Array;
  kind: 'call' | 'query';
  method: string;
  count: number;
  seconds: number;
  concurrency: number;
  verify: boolean;
  /** Node id text -> SPKI DER key, from the certified subnet state. */
  nodeKeys: [string, Uint8Array][];
}

interface JobResult {
  latencies: number[];
  errors: number;
  elapsedMs: number;
  verified: number;
  /** CPU time (user + system) the client process spent while sending. */
  cpuMs: number;
}

/** CPU time (user + system, ms) a process has used, from /proc. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Signed envelopes for `count` distinct requests from one Ed25519 identity, with their request ids. */
function signEnvelopes(job: Job): { bodies: Buffer[]; ids: Uint8Array[] } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const sender = Principal.selfAuthenticating(der).toUint8Array();
  const expiry = BigInt(Date.now() + 4 * 60_000) * 1_000_000n;
  const arg = new Uint8Array(IDL.encode([], []));
  const bodies: Buffer[] = [];
  const ids: Uint8Array[] = [];
  for (let i = 0; i < job.count; i++) {
    const content = {
      request_type: job.kind,
      canister_id: job.canisterId,
      method_name: job.method,
      arg,
      sender,
      ingress_expiry: expiry,
      nonce: new Uint8Array(randomBytes(16)),
    };
    const id = new Uint8Array(requestIdOf(content));
    const sig = sign(null, Buffer.concat([REQUEST_DOMAIN, id]), privateKey as KeyObject);
    const envelope = { content, sender_pubkey: der, sender_sig: new Uint8Array(sig) };
    bodies.push(Buffer.from(encodeWithSelfDescribedTag(envelope as never)));
    ids.push(id);
  }
  return { bodies, ids };
}

interface QueryReply {
  status: string;
  reply?: { arg: Uint8Array };
  reject_code?: number;
  reject_message?: string;
  error_code?: string;
  signatures?: { timestamp: bigint | number; signature: Uint8Array; identity: Uint8Array }[];
}

/** The agent's check of a query reply: one valid, fresh node signature by a node of the subnet. */
function verifyQueryReply(
  reply: QueryReply,
  requestId: Uint8Array,
  keys: Map<string, KeyObject>,
): boolean {
  const sig = reply.signatures?.[0];
  if (!sig) return false;
  const timestamp = BigInt(sig.timestamp);
  const ageMs = Date.now() - Number(timestamp / 1_000_000n);
  if (ageMs > 5 * 60_000 || ageMs < -5 * 60_000) return false;
  const fields =
    reply.status === 'replied'
      ? { status: reply.status, reply: reply.reply }
      : {
          status: reply.status,
          reject_code: reply.reject_code,
          reject_message: reply.reject_message,
          error_code: reply.error_code,
        };
  const hash = hashOfMap({ ...fields, timestamp, request_id: requestId } as never);
  const key = keys.get(Principal.fromUint8Array(sig.identity).toText());
  if (!key) return false;
  return verify(null, Buffer.concat([RESPONSE_DOMAIN, hash]), key, sig.signature);
}

async function runJob(job: Job): Promise<JobResult> {
  const { bodies, ids } = signEnvelopes(job);
  const keys = new Map(
    job.nodeKeys.map(([id, der]) => [
      id,
      createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }),
    ]),
  );
  const canister = Principal.fromUint8Array(job.canisterId).toText();
  const path =
    job.kind === 'call'
      ? `/api/v3/canister/${canister}/call`
      : `/api/v3/canister/${canister}/query`;
  const target = new URL(path, job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const post = (body: Buffer): Promise<{ status: number; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/cbor', 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const latencies: number[] = [];
  let errors = 0;
  let verified = 0;
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + job.seconds * 1000;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < bodies.length && performance.now() < deadline) {
        const i = next++;
        const s = performance.now();
        try {
          const res = await post(bodies[i]!);
          const reply = decode(new Uint8Array(res.body)) as QueryReply & { certificate?: unknown };
          let ok = res.status === 200;
          if (job.kind === 'query') {
            ok &&= reply.status === 'replied';
            if (ok && job.verify) {
              ok = verifyQueryReply(reply, ids[i]!, keys);
              if (ok) verified++;
            }
          } else ok &&= reply.status === 'replied' || reply.certificate !== undefined;
          if (ok) latencies.push(performance.now() - s);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return { latencies, errors, elapsedMs, verified, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const CLIENT_FLAG = '--client-job';
/** Byte arrays cross the process boundary as base64 strings. */
const toWire = (_k: string, v: unknown): unknown =>
  v instanceof Uint8Array ? { b64: Buffer.from(v).toString('base64') } : v;
const fromWire = (_k: string, v: unknown): unknown =>
  v && typeof v === 'object' && 'b64' in v
    ? new Uint8Array(Buffer.from((v as { b64: string }).b64, 'base64'))
    : v;

if (process.argv.includes(CLIENT_FLAG)) {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const result = await runJob(JSON.parse(input, fromWire) as Job);
  process.stdout.write(JSON.stringify(result));
} else {
  await main();
}

/** Runs one share of the load in a client process of its own (not on localnet's thread). */
function inClientProcess(job: Job): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const client = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), CLIENT_FLAG],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    client.stdout.on('data', (c: Buffer) => (out += String(c)));
    client.on('error', reject);
    client.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as JobResult) : reject(new Error(`client exit ${code}`)),
    );
    client.stdin.end(JSON.stringify(job, toWire));
  });
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: string): string => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1]! : fallback;
  };
  const seconds = Number(arg('seconds', '10'));
  const concurrency = Number(arg('concurrency', '32'));
  const workers = Number(arg('workers', '1'));
  const verifyReplies = arg('verify', 'on') === 'on';
  const method = arg('method', 'get');
  const updates = arg('updates', 'on') === 'on';
  const queries = arg('queries', 'on') === 'on';

  await buildFixtures();
  const { child, url } = await startLocalnetChild();
  try {
    const admin = await HttpAgent.create({ host: url, shouldFetchRootKey: true });
    const ic = managementActor(admin);
    const { canister_id } = await ic.provisional_create_canister_with_cycles({
      amount: [],
      settings: [{ ...emptySettings(), controllers: [[await admin.getPrincipal()]] }],
      specified_id: [],
      sender_canister_version: [],
    });
    await ic.install_code({
      mode: { install: null },
      canister_id,
      wasm_module: gzipSync(fixtureWasm()),
      arg: fixtureInitArg(1n),
      sender_canister_version: [],
    });
    // The node keys as the agent gets them: read_state of the subnet, certificate verified.
    const subnet = await admin.fetchSubnetKeys(canister_id.toText());
    if (!subnet) throw new Error('no subnet keys');
    const nodeKeys = [...subnet.nodeKeys.entries()].map(
      ([id, der]) => [id, new Uint8Array(der)] as [string, Uint8Array],
    );

    const rows: string[] = [];
    const measure = async (kind: 'call' | 'query', m: string, label: string) => {
      // Enough envelopes for 5,000/s over the whole run, split between the workers.
      const count = Math.ceil((seconds * (kind === 'call' ? 1_500 : 5_000)) / workers);
      const job = (): Job => ({
        url,
        canisterId: canister_id.toUint8Array(),
        kind,
        method: m,
        count,
        seconds,
        concurrency: Math.ceil(concurrency / workers),
        verify: verifyReplies,
        nodeKeys,
      });
      const server0 = processCpuMs(child.pid!);
      const results = await Promise.all(
        Array.from({ length: workers }, () => inClientProcess(job())),
      );
      const serverCpu = processCpuMs(child.pid!) - server0;
      const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
      const errors = results.reduce((n, r) => n + r.errors, 0);
      const verified = results.reduce((n, r) => n + r.verified, 0);
      const elapsed = Math.max(...results.map((r) => r.elapsedMs)) / 1000;
      const clientCpu = results.reduce((n, r) => n + r.cpuMs, 0);
      const n = latencies.length;
      rows.push(
        `| ${label} | ${Math.round(n / elapsed)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${n} | ${verified} | ${errors} | ${((serverCpu * 1000) / n).toFixed(0)} | ${((clientCpu * 1000) / n).toFixed(0)} |`,
      );
    };
    const how = `${concurrency} in flight, ${workers} client process(es)`;
    if (queries)
      await measure(
        'query',
        method,
        `query \`${method}\`, node signatures ${verifyReplies ? 'verified' : 'not verified'} (${how})`,
      );
    if (updates) await measure('call', 'inc', `update \`inc\`, v3 sync call (${how})`);
    console.log(`\nlocalnet served calls — ${seconds} s per row`);
    console.log(
      '| workload | calls/s | p50 ms | p99 ms | calls | verified | errors | localnet CPU µs/call | client CPU µs/call |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    child.kill('SIGTERM');
  }
}
