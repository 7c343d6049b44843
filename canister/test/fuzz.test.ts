// The fuzz suite against this build: every method, every kind of caller, every category of
// hostile input, with the checks after each batch (see fuzz/harness.ts). FUZZ_INPUTS sets the
// inputs per method (CI: 50, 1,000 calls); `npm run bench -w canister -- fuzz` runs the long mode.
import { describe, expect, it } from 'vitest';
import { iiWasm } from './build-wasm.js';
import { CALLER_KINDS, runFuzz } from './fuzz/harness.js';
import { CATEGORIES, METHODS } from './fuzz/hostile-args.js';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 50);

describe('fuzz: hostile arguments against this build', () => {
  it(`finds nothing in ${INPUTS} inputs per method`, async () => {
    const report = await runFuzz({
      wasm: iiWasm(),
      seed: 2026_12_06,
      inputsPerMethod: INPUTS,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stderr.write(
      `[fuzz] ${report.calls} calls in ${report.seconds} s: ${report.replied} replied (${report.refused} of them Err), ${report.rejected} rejected\n`,
    );
    expect(report.findings).toEqual([]);
    expect(report.calls).toBe(INPUTS * METHODS.length);
    for (const category of CATEGORIES) expect(report.perCategory[category]).toBeGreaterThan(0);
    // Some inputs must get through, or the checks above would prove little.
    expect(report.replied - report.refused).toBeGreaterThan(INPUTS);
    expect(CALLER_KINDS).toHaveLength(5);
    // About 0.1 s per call on the 2-core machine: 50 inputs for each of the 39 methods take ~3.5 min.
  }, 900_000);
});
