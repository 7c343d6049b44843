/**
 * Canister benchmark: the real wasm on localnet, driven through the replica's message queue (no
 * HTTP, no client crypto), so the figures are the canister's own cost plus localnet's execution
 * overhead (one 11.6 MB heap copy per message, see localnet/BENCHMARKS.md).
 *
 *   cd canister && npx tsx bench/methods-bench.ts [--sizes 1000,10000,100000]
 *
 * Prints wasm sizes, time per method (p50/p99) at each anchor count, and stable memory per anchor.
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { startLocalnet } from '../../localnet/src/localnet.js';
import type { Replica } from '../../localnet/src/replica/replica.js';
import { serviceMethods } from '../src/candid.js';
import { WASM_GZ, ensureBuilt, iiWasm } from '../test/build-wasm.js';
import { CAPTCHA_OFF, deviceFor, encodeInit, initArg } from '../test/support.js';

const sizesArg = process.argv.indexOf('--sizes');
const SIZES = (sizesArg > 0 ? process.argv[sizesArg + 1]! : '1000,10000,100000')
  .split(',')
  .map(Number);
const SAMPLES = 200;
type Method = keyof typeof serviceMethods;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  await ensureBuilt();
  const gz = readFileSync(WASM_GZ);
  console.log(
    `wasm: ${(gunzipSync(gz).length / 1e6).toFixed(2)} MB raw, ${(gz.length / 1e6).toFixed(2)} MB gzipped (${gz.length} bytes)`,
  );

  const net = await startLocalnet({ port: 0 });
  const init = initArg({
    ...CAPTCHA_OFF,
    register_rate_limit: [{ time_per_token_ns: 1n, max_tokens: 10_000_000n }],
  });
  const id = await net.installCanister(iiWasm(), {
    canisterId: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
    arg: encodeInit(init),
  });
  const replica: Replica = net.replica;

  const update = async (sender: Principal, method: Method, args: unknown[]) => {
    const f = serviceMethods[method];
    const t0 = performance.now();
    const r = await replica.call(sender, id, method, new Uint8Array(IDL.encode(f.argTypes, args)));
    const ms = performance.now() - t0;
    if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
    return { ms, value: IDL.decode(f.retTypes, r.data) };
  };
  const query = (sender: Principal, method: Method, args: unknown[]) => {
    const f = serviceMethods[method];
    const t0 = performance.now();
    const r = replica.query(id, method, new Uint8Array(IDL.encode(f.argTypes, args)), sender);
    const ms = performance.now() - t0;
    if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
    return { ms, value: IDL.decode(f.retTypes, r.data) };
  };

  const owners: Array<{ anchor: bigint; identity: Ed25519KeyIdentity }> = [];
  const registerMs: number[] = [];
  async function fillTo(n: number) {
    while (owners.length < n) {
      const batch = Array.from({ length: Math.min(200, n - owners.length) }, () =>
        Ed25519KeyIdentity.generate(),
      );
      const results = await Promise.all(
        batch.map((identity) =>
          update(identity.getPrincipal(), 'register', [
            deviceFor(identity),
            { key: '', chars: '' },
            [],
          ]),
        ),
      );
      results.forEach((r, i) => {
        registerMs.push(r.ms);
        owners.push({
          anchor: (r.value[0] as { registered: { user_number: bigint } }).registered.user_number,
          identity: batch[i]!,
        });
      });
    }
  }

  const stableBytes = () => {
    const runtime = replica.getCanister(id)!.module!.runtime;
    return BigInt(runtime.stable.storedPages) * 65_536n;
  };

  const rows: string[] = [];
  let previous: { anchors: number; bytes: bigint } | undefined;
  for (const size of SIZES) {
    const t0 = performance.now();
    registerMs.length = 0;
    await fillTo(size);
    const fillS = (performance.now() - t0) / 1000;
    const sample = Array.from(
      { length: SAMPLES },
      (_, i) => owners[Math.floor((i * owners.length) / SAMPLES)]!,
    );
    const times: Record<string, number[]> = {};
    const add = (k: string, ms: number) => (times[k] ??= []).push(ms);
    // One at a time here: the fill above queues 200 at once, so its latencies include queueing.
    for (let i = 0; i < 50; i++) {
      const identity = Ed25519KeyIdentity.generate();
      const r = await update(identity.getPrincipal(), 'register', [
        deviceFor(identity),
        { key: '', chars: '' },
        [],
      ]);
      add('register', r.ms);
      owners.push({
        anchor: (r.value[0] as { registered: { user_number: bigint } }).registered.user_number,
        identity,
      });
    }
    for (const { anchor, identity } of sample) {
      const p = identity.getPrincipal();
      add('lookup (query)', query(p, 'lookup', [anchor]).ms);
      add('get_principal (query)', query(p, 'get_principal', [anchor, 'https://dapp.example']).ms);
      const session = new Uint8Array(Ed25519KeyIdentity.generate().getPublicKey().toDer());
      const prepared = await update(p, 'prepare_delegation', [
        anchor,
        'https://dapp.example',
        session,
        [],
      ]);
      add('prepare_delegation', prepared.ms);
      const expiration = prepared.value[1] as bigint;
      add(
        'get_delegation (query)',
        query(p, 'get_delegation', [anchor, 'https://dapp.example', session, expiration]).ms,
      );
      add('get_anchor_info', (await update(p, 'get_anchor_info', [anchor])).ms);
    }
    const bytes = stableBytes();
    const perAnchor = previous
      ? Number(bytes - previous.bytes) / (size - previous.anchors)
      : undefined;
    previous = { anchors: size, bytes };
    rows.push(
      `\n### ${size.toLocaleString('en')} anchors (filled in ${fillS.toFixed(0)} s, ${Math.round(registerMs.length / fillS)} registrations/s with 200 queued at a time; stable memory stored: ${(Number(bytes) / 1e6).toFixed(1)} MB${perAnchor ? `, ${perAnchor.toFixed(0)} bytes per added anchor` : ''})\n`,
    );
    rows.push('| method | p50 ms | p99 ms |', '|---|---|---|');
    for (const [k, v] of Object.entries(times))
      rows.push(`| ${k} | ${pct(v, 50).toFixed(2)} | ${pct(v, 99).toFixed(2)} |`);
    console.log(rows.splice(0).join('\n'));
  }

  // create_challenge needs the captcha on: a second instance at another id.
  const captchaId = await net.installCanister(iiWasm(), { arg: encodeInit(initArg()) });
  const challengeMs: number[] = [];
  for (let i = 0; i < 50; i++) {
    const f = serviceMethods.create_challenge;
    const t0 = performance.now();
    const r = await replica.call(
      Principal.anonymous(),
      captchaId,
      'create_challenge',
      new Uint8Array(IDL.encode(f.argTypes, [])),
    );
    challengeMs.push(performance.now() - t0);
    if (r.kind === 'reject') throw new Error(r.message);
  }
  console.log(
    `\ncreate_challenge (captcha PNG in the canister): p50 ${pct(challengeMs, 50).toFixed(1)} ms, p99 ${pct(challengeMs, 99).toFixed(1)} ms`,
  );
  await net.stop();
}

await main();
