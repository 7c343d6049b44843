/**
 * Canister benchmark: the real wasm on localnet, driven through the replica's message queue (no
 * HTTP, no client crypto), so the figures are the canister's own cost plus localnet's execution
 * overhead (one 11.6 MB heap copy per message, see localnet/BENCHMARKS.md).
 *
 *   cd canister && npx tsx bench/methods-bench.ts [--sizes 1000,10000,100000,1000000]
 *
 * It runs the benchmark build (bench/fill-canister: the real canister plus `bench_fill`, built
 * into dist-bench/), so a million anchors take minutes instead of hours of `register` calls. The
 * filled anchors carry the same record `register` writes (one Ed25519 device); every measured call
 * goes to anchors spread over the whole filled range.
 *
 * Prints wasm sizes, time per method (p50/p99) at each anchor count, and stable memory per anchor.
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type Replica, startLocalnet } from '@ii/localnet';
import { DeviceData, serviceMethods } from '../src/candid.js';
import { deviceFor } from '../test/support.js';
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_WASM_GZ = join(root, 'dist-bench', 'internet_identity.wasm.gz');

const sizesArg = process.argv.indexOf('--sizes');
const SIZES = (sizesArg > 0 ? process.argv[sizesArg + 1]! : '1000,10000,100000,1000000')
  .split(',')
  .map(Number);
const SAMPLES = 200;
const FILL_BATCH = 10_000;

/** Builds the benchmark variant (placeholder page) unless it is there already. */
async function ensureBenchBuilt(): Promise<void> {
  if (existsSync(BENCH_WASM_GZ) && process.argv.includes('--no-build')) return;
  const { build } = await import('../scripts/build.js');
  Object.assign(process.env, {
    II_CANISTER: 'internet_identity_bench',
    II_DIST_DIR: 'dist-bench',
    II_ASSETS_DIR: join(root, 'placeholder'),
  });
  build();
}
type Method = keyof typeof serviceMethods;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  await ensureBenchBuilt();
  const gz = readFileSync(BENCH_WASM_GZ);
  console.log(
    `wasm: ${(gunzipSync(gz).length / 1e6).toFixed(2)} MB raw, ${(gz.length / 1e6).toFixed(2)} MB gzipped (${gz.length} bytes)`,
  );

  const net = await startLocalnet({ port: 0 });
  const init = initArg('test', {
    overrides: { register_rate_limit: [{ time_per_token_ns: 1n, max_tokens: 10_000_000n }] },
  });
  const id = await net.installCanister(gz, {
    canisterId: II_CANISTER_ID,
    arg: encodeInitArg(init),
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
    // localnet signs the certificate a query can read lazily, once per committed state (a ~10 ms
    // BLS signature); on the IC consensus produces it. Pay it before timing the canister's work.
    replica.state.dataCertificate(id);
    const t0 = performance.now();
    const r = replica.query(id, method, new Uint8Array(IDL.encode(f.argTypes, args)), sender);
    const ms = performance.now() - t0;
    if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
    return { ms, value: IDL.decode(f.retTypes, r.data) };
  };

  // Every filled anchor has this identity's device, so any of them can be used for calls.
  const filler = Ed25519KeyIdentity.generate();
  const fillerDevice = deviceFor(filler);
  let filled = 0n;
  async function fillTo(n: number) {
    while (filled < BigInt(n)) {
      const count = Math.min(FILL_BATCH, n - Number(filled));
      const arg = IDL.encode([DeviceData, IDL.Nat32], [fillerDevice, count]);
      const r = await replica.call(filler.getPrincipal(), id, 'bench_fill', new Uint8Array(arg));
      if (r.kind === 'reject') throw new Error(`bench_fill: ${r.message}`);
      filled = IDL.decode([IDL.Nat64], r.data)[0] as bigint;
    }
  }

  const stable = () => replica.getCanister(id)!.module!.runtime.stable;
  const stableBytes = () => BigInt(stable().storedPages) * 65_536n;

  const stats = query(Principal.anonymous(), 'stats', []).value[0] as {
    assigned_user_number_range: [bigint, bigint];
  };
  const [firstAnchor] = stats.assigned_user_number_range;
  const registered = new Set<bigint>();
  const rows: string[] = [];
  let previous: { anchors: number; bytes: bigint } | undefined;
  for (const size of SIZES) {
    const t0 = performance.now();
    const before = filled;
    await fillTo(size);
    const fillS = (performance.now() - t0) / 1000;
    const fillRate = Number(filled - before) / fillS;
    // Evenly spread over everything filled so far (skipping the few anchors `register` made).
    const sample = Array.from({ length: SAMPLES }, (_, i) => {
      let anchor = firstAnchor + (filled * BigInt(i)) / BigInt(SAMPLES);
      while (registered.has(anchor)) anchor++;
      return anchor;
    });
    const times: Record<string, number[]> = {};
    const add = (k: string, ms: number) => (times[k] ??= []).push(ms);
    for (let i = 0; i < 50; i++) {
      const identity = Ed25519KeyIdentity.generate();
      const r = await update(identity.getPrincipal(), 'register', [
        deviceFor(identity),
        { key: '', chars: '' },
        [],
      ]);
      add('register', r.ms);
      registered.add(
        (r.value[0] as { registered: { user_number: bigint } }).registered.user_number,
      );
    }
    filled += 50n;
    const p = filler.getPrincipal();
    for (const anchor of sample) {
      // A control that reads no anchor: if it slows down with n as much as the others, the cost
      // is the host's (localnet, V8), not the canister's B-tree.
      add('stats (query, control)', query(p, 'stats', []).ms);
      const looked = query(p, 'lookup', [anchor]);
      add('lookup (query)', looked.ms);
      const devices = looked.value[0] as unknown as { pubkey: Uint8Array }[];
      if (devices.length !== 1 || !Buffer.from(devices[0]!.pubkey).equals(fillerDevice.pubkey))
        throw new Error(`anchor ${anchor} does not hold the filled device`);
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
    const anchors = Number(filled);
    const perAnchor = previous
      ? Number(bytes - previous.bytes) / (anchors - previous.anchors)
      : undefined;
    previous = { anchors, bytes };
    rows.push(
      `\n### ${anchors.toLocaleString('en')} anchors (filled in ${fillS.toFixed(0)} s, ${Math.round(fillRate)} anchors/s through bench_fill; stable memory: ${(Number(bytes) / 1e6).toFixed(1)} MB written of ${stable().sizePages} pages${perAnchor ? `, ${perAnchor.toFixed(0)} bytes per added anchor` : ''})\n`,
    );
    rows.push('| method | p50 ms | p99 ms |', '|---|---|---|');
    for (const [k, v] of Object.entries(times))
      rows.push(`| ${k} | ${pct(v, 50).toFixed(2)} | ${pct(v, 99).toFixed(2)} |`);
    console.log(rows.splice(0).join('\n'));
  }

  // create_challenge needs the captcha on: a second instance at another id.
  const captchaId = await net.installCanister(gz, { arg: encodeInitArg(initArg('production')) });
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
