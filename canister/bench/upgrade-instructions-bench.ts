/**
 * Instructions of an upgrade (pre_upgrade + post_upgrade, as localnet counts them) against the
 * number of anchors: the goal is a post_upgrade that does not grow with them and stays ≤ 50 B.
 *
 *   cd canister && npx tsx bench/upgrade-instructions-bench.ts [--sizes 1000,100000] [--no-build]
 *
 * The benchmark build (dist-bench/, as methods-bench.ts: the canister plus `bench_fill`, which
 * writes anchors through register's allocation and record codec) is filled to each size, then
 * upgraded to the same wasm.
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';
import { startLocalnet } from '@ii/localnet';
import { DeviceData } from '../src/candid.js';
import { deviceFor } from '../test/support.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_WASM_GZ = join(root, 'dist-bench', 'internet_identity.wasm.gz');
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = (sizesArg > 0 ? process.argv[sizesArg + 1]! : '1000,100000').split(',').map(Number);

if (!(existsSync(BENCH_WASM_GZ) && process.argv.includes('--no-build'))) {
  const { build } = await import('../scripts/build.js');
  Object.assign(process.env, {
    II_CANISTER: 'internet_identity_bench',
    II_DIST_DIR: 'dist-bench',
    II_ASSETS_DIR: join(root, 'placeholder'),
  });
  build();
}
const gz = readFileSync(BENCH_WASM_GZ);
const net = await startLocalnet({ port: 0 });
const init = initArg('test', {
  overrides: { register_rate_limit: [{ time_per_token_ns: 1n, max_tokens: 10_000_000n }] },
});
const id = await net.installCanister(gz, { canisterId: II_CANISTER_ID, arg: encodeInitArg(init) });

/** The sum of a hook's instructions so far (install hooks report to the metrics only). */
const hookSum = async (method: string): Promise<number> => {
  const metric = net.metrics.registry.getSingleMetric('localnet_message_instructions')!;
  return (await metric.get()).values
    .filter(
      (v) =>
        (v as { metricName?: string }).metricName === 'localnet_message_instructions_sum' &&
        v.labels.method === method,
    )
    .reduce((n, v) => n + v.value, 0);
};

const filler = Ed25519KeyIdentity.generate();
const device = deviceFor(filler);
let filled = 0n;
const fmt = (n: number) => n.toLocaleString('en');
const rows: string[] = [];
for (const size of SIZES) {
  while (filled < BigInt(size)) {
    const count = Math.min(10_000, size - Number(filled));
    const arg = IDL.encode([DeviceData, IDL.Nat32], [device, count]);
    const r = await net.replica.call(filler.getPrincipal(), id, 'bench_fill', new Uint8Array(arg));
    if (r.kind === 'reject') throw new Error(`bench_fill: ${r.message}`);
    filled = IDL.decode([IDL.Nat64], r.data)[0] as bigint;
  }
  const [pre0, post0] = [
    await hookSum('canister_pre_upgrade'),
    await hookSum('canister_post_upgrade'),
  ];
  await net.installCanister(gz, { canisterId: id, mode: 'upgrade', arg: encodeInitArg(null) });
  const pre = (await hookSum('canister_pre_upgrade')) - pre0;
  const post = (await hookSum('canister_post_upgrade')) - post0;
  rows.push(`| ${fmt(Number(filled))} | ${fmt(pre)} | ${fmt(post)} |`);
  console.log(rows.at(-1));
}
await net.stop();
console.log('\n| anchors | pre_upgrade | post_upgrade |\n|---|---|---|\n' + rows.join('\n'));
