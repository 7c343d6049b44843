// The upgrade soak at CI size: anchors with three devices each (protected phrases among them),
// alternating downgrades to the previous release (built from git history) and upgrades back, every
// anchor checked after each cycle. `npm run bench -w canister -- soak` runs it at 10,000 anchors
// and 100 cycles (figures in BENCHMARKS.md).
import { describe, expect, it } from 'vitest';
import { iiWasm } from './build-wasm.js';
import { releaseWasm } from './previous-release.js';
import { runSoak } from './soak.js';

describe('upgrade soak', () => {
  it('keeps every anchor and principal across downgrades to the previous release and back', async () => {
    const report = await runSoak({
      wasm: iiWasm(),
      previousRelease: releaseWasm(),
      anchors: 300,
      cycles: 4,
      sample: 50,
    });
    expect(report.mismatches).toEqual([]);
    expect(report.devices).toBe(900);
    expect(report.cycles.map((c) => c.to)).toEqual([
      'previous release',
      'this build',
      'previous release',
      'this build',
    ]);
  });
});
