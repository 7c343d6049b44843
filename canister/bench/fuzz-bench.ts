/**
 * The long fuzz run: every method, every kind of caller, every category of hostile input
 * (test/fuzz/), 2,000 inputs per method by default (40,000 calls).
 *
 *   npm run bench -w canister -- fuzz [inputs per method] [seed]
 *
 * Prints calls, time, calls per second, outcomes per category and every finding; exits 1 if any.
 */
import { iiWasm } from '../test/build-wasm.js';
import { runFuzz } from '../test/fuzz/harness.js';

const inputs = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 2026_12_06);
const report = await runFuzz({
  wasm: iiWasm(),
  seed,
  inputsPerMethod: inputs,
  batchSize: 100,
  log: (line) => process.stderr.write(`${line}\n`),
});
console.log(
  `fuzz: ${report.calls} calls (seed ${seed}) in ${report.seconds} s, ${(report.calls / report.seconds).toFixed(1)} calls/s; ${report.replied} replied, ${report.rejected} rejected`,
);
console.log(`per category: ${JSON.stringify(report.perCategory)}`);
console.log(`findings: ${report.findings.length}`);
for (const f of report.findings) console.log(JSON.stringify(f));
process.exitCode = report.findings.length > 0 ? 1 : 0;
