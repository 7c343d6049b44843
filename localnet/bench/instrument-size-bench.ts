/**
 * Size and time of instrumenting the fixture module, metering only and with dirty-page marks.
 *
 *   cd localnet && npx tsx bench/instrument-size-bench.ts
 *
 * Each variant twice: the first run in the process pays for V8 compiling the rewriter.
 */
import { fixtureWasm } from '../src/testing/fixtures.js';
import { instrument } from '../src/wasm/instrument.js';
import { patchExports } from '../src/wasm/patch-exports.js';

const patched = patchExports(fixtureWasm()).bytes;
console.log('| marks | bytes before → after | mark points | instrument ms |');
console.log('|---|---|---|---|');
for (const dirtyPages of [false, true, false, true]) {
  const t0 = performance.now();
  const m = instrument(patched, { dirtyPages });
  const ms = performance.now() - t0;
  console.log(
    `| ${dirtyPages ? 'yes' : 'no'} | ${patched.length} → ${m.bytes.length} | ${m.markPoints} | ${ms.toFixed(0)} |`,
  );
}
