/**
 * Wasm runtime benchmark with the Azle fixture: patch + instrument + compile, instantiate + init,
 * update/query latency (p50/p99, including the per-message heap commit/rollback) and instructions,
 * trap rollback, snapshot, serialize. Run: cd localnet && npx tsx bench/runtime-bench.ts
 */
import { IDL } from '@dfinity/candid';
import { buildFixtures, fixtureWasm } from '../src/testing/fixtures.js';
import { compileCanister } from '../src/wasm/module-cache.js';
import { CanisterRuntime } from '../src/wasm/runtime.js';
import { candid, ctx } from '../src/wasm/test-support.js';

const ms = (t0: number): number => performance.now() - t0;
const fmt = (v: number): string => `${v.toFixed(3)} ms`;

function stats(name: string, n: number, f: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(20, n); i++) f(i); // warm-up (V8 tiers up lazily)
  const times: number[] = [];
  const instructions: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = f(i);
    times.push(ms(t0));
    if (r && typeof r === 'object' && 'instructions' in r)
      instructions.push(r.instructions as bigint);
  }
  times.sort((a, b) => a - b);
  instructions.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const p = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const median = instructions[Math.floor(instructions.length / 2)];
  const counted = median === undefined ? '' : `  ${median.toLocaleString('en')} instructions (p50)`;
  console.log(`${name.padEnd(40)} p50 ${fmt(p(0.5))}  p99 ${fmt(p(0.99))}  (n=${n})${counted}`);
}

await buildFixtures();
const wasm = fixtureWasm();
console.log(`wasm size: ${(wasm.length / 1e6).toFixed(2)} MB`);

let t0 = performance.now();
const compiled = await compileCanister(wasm);
console.log(
  `patch + instrument + compile (first):    ${fmt(ms(t0))} (of which recorded ${fmt(compiled.compileMs)}, instrumenting ${fmt(compiled.instrumentMs)})`,
);
t0 = performance.now();
await compileCanister(wasm);
console.log(`compile (cached):                        ${fmt(ms(t0))}`);

t0 = performance.now();
const rt = await CanisterRuntime.load(wasm);
const instantiateMs = ms(t0);
t0 = performance.now();
const init = rt.execute('init', 'canister_init', ctx({ arg: candid([IDL.Nat64], [1n]) }));
console.log(`instantiate:                             ${fmt(instantiateMs)}`);
console.log(
  `canister_init:                           ${fmt(ms(t0))} (trap: ${init.trap ? 'yes' : 'no'}, ${init.instructions.toLocaleString('en')} instructions)`,
);
const { heapBytes, stableBytes } = rt.memoryStats();
console.log(
  `heap: ${(heapBytes / 1e6).toFixed(1)} MB, stable: ${(Number(stableBytes) / 1e6).toFixed(1)} MB declared, ${rt.stable.storedPages} pages stored`,
);

const put = (i: number) => candid([IDL.Text, IDL.Text], [`k${i}`, 'v'.repeat(100)]);
stats('update inc (commit heap)', 500, () => rt.execute('update', 'canister_update inc', ctx()));
stats('update put (StableBTreeMap insert)', 500, (i) =>
  rt.execute('update', 'canister_update put', ctx({ arg: put(i) })),
);
stats('query get (heap restored after)', 500, () =>
  rt.execute('query', 'canister_query get', ctx({ replicated: false })),
);
const readArg = candid([IDL.Text], ['k1']);
stats('query read (stable)', 500, () =>
  rt.execute('query', 'canister_query read', ctx({ replicated: false, arg: readArg })),
);
const trapArg = candid([IDL.Text], ['t']);
stats('update that traps (rollback)', 200, () =>
  rt.execute('update', 'canister_update putThenTrap', ctx({ arg: trapArg })),
);

// Raw costs of the state machinery.
const heap = new Uint8Array(heapBytes);
const source = new Uint8Array(heapBytes).fill(1);
stats('heap memcpy alone (11 MB)', 200, () => heap.set(source));
stats('snapshot()', 100, () => rt.snapshot());
const snap = rt.snapshot();
stats('restore(snapshot)', 100, () => rt.restore(snap));
t0 = performance.now();
const s = rt.serialize();
const serMs = ms(t0);
const bytes = s.heapChunks.length * 65_536 + s.stable.pages.length * 65_536;
console.log(
  `serialize:                               ${fmt(serMs)} (${s.heapChunks.length}/${s.heapPages} heap pages, ${s.stable.pages.length} stable pages, ${(bytes / 1e6).toFixed(1)} MB)`,
);
t0 = performance.now();
await CanisterRuntime.deserialize(wasm, s);
console.log(`deserialize:                             ${fmt(ms(t0))}`);
