/**
 * Instructions per Internet Identity method, as localnet counts them (the IC's metering model,
 * localnet/src/wasm/instrument.ts), and what instrumenting the II wasm costs.
 *
 *   cd canister && npx tsx bench/instructions-bench.ts
 *
 * Runs the test build (dist-test/, placeholder page; built if missing) on an in-process localnet
 * through the replica's message queue. Each method runs 5 times on fresh arguments; the table
 * gives the median and the range (a method whose count depends on state, such as register, which
 * grows the anchor table, varies a little).
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { gunzipSync } from 'node:zlib';
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';
import { startLocalnet } from '@ii/localnet';
import { compileCanister, instrument, patchExports } from '@ii/localnet/testing';
import { serviceMethods } from '../src/candid.js';
import { ensureBuilt, iiWasm } from '../test/build-wasm.js';
import { deviceFor } from '../test/support.js';

type Method = keyof typeof serviceMethods;
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await ensureBuilt();
const gz = iiWasm();
const raw = new Uint8Array(gunzipSync(gz));
console.log(`II wasm (dist-test): ${raw.length.toLocaleString('en')} bytes raw`);

// Instrumentation: the first run (cold JIT, what an install pays) and the median of 10 more.
const patched = patchExports(raw).bytes;
let t0 = performance.now();
let metered = instrument(patched);
const firstMs = performance.now() - t0;
const again: number[] = [];
for (let i = 0; i < 10; i++) {
  t0 = performance.now();
  metered = instrument(patched);
  again.push(performance.now() - t0);
}
const compiled = await compileCanister(raw);
console.log(
  `instrument: first ${firstMs.toFixed(0)} ms, then median ${median(again).toFixed(0)} ms; ` +
    `${metered.chargePoints.toLocaleString('en')} charge points; ` +
    `module ${patched.length.toLocaleString('en')} -> ${metered.bytes.length.toLocaleString('en')} bytes ` +
    `(+${(((metered.bytes.length - patched.length) / patched.length) * 100).toFixed(1)} %); ` +
    `load as on install (patch + instrument + compile, warm): ${compiled.compileMs.toFixed(0)} ms, ` +
    `of which instrumenting ${compiled.instrumentMs.toFixed(0)} ms`,
);

const net = await startLocalnet({ port: 0 });
const replica = net.replica;
const counts = new Map<string, { instructions: number[]; ms: number[] }>();
const note = (name: string, instructions: bigint | undefined, ms: number) => {
  const row = counts.get(name) ?? { instructions: [], ms: [] };
  row.instructions.push(Number(instructions ?? -1n));
  row.ms.push(ms);
  counts.set(name, row);
};
/** Install hooks are reported to the metrics; read the last sum of one of them. */
const hookInstructions = async (method: string): Promise<number> => {
  const metric = net.metrics.registry.getSingleMetric('localnet_message_instructions')!;
  const values = (await metric.get()).values.filter(
    (v) =>
      (v as { metricName?: string }).metricName === 'localnet_message_instructions_sum' &&
      v.labels.method === method,
  );
  return values.reduce((n, v) => n + v.value, 0);
};

// Install and upgrade times include decompressing and loading the module: no ms for their hooks.
const id = await net.installCanister(gz, {
  canisterId: II_CANISTER_ID,
  arg: encodeInitArg(initArg('test')),
});
note('canister_init (install)', BigInt(await hookInstructions('canister_init')), NaN);

/** Ingress bytes the IC charges per byte of an update: its method name and Candid argument. */
const ingressBytes = new Map<string, number>();
const update = async (
  name: string,
  sender: Principal,
  method: Method,
  args: unknown[],
  canister = id,
) => {
  const f = serviceMethods[method];
  const arg = new Uint8Array(IDL.encode(f.argTypes, args));
  ingressBytes.set(name, arg.length + method.length);
  const t = performance.now();
  const r = await replica.call(sender, canister, method, arg);
  note(name, r.instructions, performance.now() - t);
  if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
  return IDL.decode(f.retTypes, r.data);
};
const query = (name: string, sender: Principal, method: Method, args: unknown[]) => {
  const f = serviceMethods[method];
  replica.state.dataCertificate(id); // sign the certificate before timing (see methods-bench)
  const t = performance.now();
  const r = replica.query(id, method, new Uint8Array(IDL.encode(f.argTypes, args)), sender);
  note(name, r.instructions, performance.now() - t);
  if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
  return IDL.decode(f.retTypes, r.data);
};

const DAPP = 'https://dapp.example';
const asset = (url: string, gzip: boolean) => ({
  method: 'GET',
  url,
  headers: gzip ? [['Accept-Encoding', 'gzip']] : [],
  body: new Uint8Array(0),
  certificate_version: [2],
});
for (let i = 0; i < RUNS; i++) {
  const identity = Ed25519KeyIdentity.generate();
  const user = identity.getPrincipal();
  const [registered] = await update('register', user, 'register', [
    deviceFor(identity),
    { key: '', chars: '' },
    [],
  ]);
  const anchor = (registered as { registered: { user_number: bigint } }).registered.user_number;
  query('lookup (query)', user, 'lookup', [anchor]);
  query('get_anchor_credentials (query)', user, 'get_anchor_credentials', [anchor]);
  query('get_principal (query)', user, 'get_principal', [anchor, DAPP]);
  await update('get_anchor_info', user, 'get_anchor_info', [anchor]);
  const session = new Uint8Array(Ed25519KeyIdentity.generate().getPublicKey().toDer());
  const prepared = await update('prepare_delegation', user, 'prepare_delegation', [
    anchor,
    DAPP,
    session,
    [],
  ]);
  query('get_delegation (query)', user, 'get_delegation', [anchor, DAPP, session, prepared[1]]);
  query('stats (query)', user, 'stats', []);
  const anon = Principal.anonymous();
  query('http_request / (index.html, query)', anon, 'http_request', [asset('/', false)]);
  query('http_request /app.js gzip (query)', anon, 'http_request', [asset('/app.js', true)]);
  query('http_request /metrics (query)', anon, 'http_request', [asset('/metrics', false)]);
}

// create_challenge draws a captcha only when the captcha is on: a second II, installed as production.
const withCaptcha = await net.installCanister(gz, { arg: encodeInitArg(initArg('production')) });
for (let i = 0; i < RUNS; i++)
  await update(
    'create_challenge (captcha on)',
    Principal.anonymous(),
    'create_challenge',
    [],
    withCaptcha,
  );

// An upgrade to the same wasm: pre_upgrade and post_upgrade, one install_code limit together.
await net.installCanister(gz, { canisterId: id, mode: 'upgrade', arg: encodeInitArg(null) });
note('canister_pre_upgrade', BigInt(await hookInstructions('canister_pre_upgrade')), NaN);
note('canister_post_upgrade', BigInt(await hookInstructions('canister_post_upgrade')), NaN);
await net.stop();

const fmt = (n: number) => n.toLocaleString('en');
console.log(
  '\n| method | instructions (median) | range over runs | ms (median) | instructions/ms |',
);
console.log('|---|---|---|---|---|');
for (const [name, { instructions, ms }] of counts) {
  const lo = Math.min(...instructions);
  const hi = Math.max(...instructions);
  const range = lo === hi ? 'same every run' : `${fmt(lo)} – ${fmt(hi)}`;
  const m = median(ms);
  const time = Number.isNaN(m) ? '–' : m.toFixed(1);
  const rate = Number.isNaN(m) ? '–' : fmt(Math.round(median(instructions) / m));
  const runs = instructions.length > 1 ? range : 'one run';
  console.log(`| ${name} | ${fmt(median(instructions))} | ${runs} | ${time} | ${rate} |`);
}

// Cycles on a 13-node application subnet, at the IC's published prices
// (https://internetcomputer.org/docs/references/cycles-cost-formulas): an update pays ingress
// reception (1,200,000 + 2,000 per byte) and execution (5,000,000 + 1 per instruction); queries
// are free.
const cyclesOf = (name: string): number => {
  const row = counts.get(name);
  const bytes = ingressBytes.get(name);
  if (!row || bytes === undefined) throw new Error(`no figures for ${name}`);
  return 1_200_000 + 2_000 * bytes + 5_000_000 + median(row.instructions);
};
const flows: [string, string[]][] = [
  [
    'registration (create_challenge with the captcha on, register)',
    ['create_challenge (captcha on)', 'register'],
  ],
  ['login (prepare_delegation; lookup and get_delegation are queries)', ['prepare_delegation']],
];
console.log('\n| flow | updates | ingress bytes | cycles (13-node subnet) |');
console.log('|---|---|---|---|');
for (const [flow, names] of flows) {
  const bytes = names.reduce((n, m) => n + ingressBytes.get(m)!, 0);
  const cycles = names.reduce((n, m) => n + cyclesOf(m), 0);
  console.log(`| ${flow} | ${names.length} | ${fmt(bytes)} | ${fmt(cycles)} |`);
}
