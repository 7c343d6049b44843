/**
 * The upgrade soak (test/soak.ts) at full size: 10,000 anchors with three devices each, 100
 * cycles alternating a downgrade to the previous release (built from git history) and an upgrade
 * back to this build, every anchor checked after each cycle.
 *
 *   npm run bench -w canister -- soak [anchors] [cycles]
 *
 * Prints the fill time, time per upgrade and per downgrade (p50, max), the check time per cycle,
 * and every mismatch; exits 1 if any.
 */
import { iiWasm } from '../test/build-wasm.js';
import { releaseWasm } from '../test/previous-release.js';
import { runSoak } from '../test/soak.js';

const anchors = Number(process.argv[2] ?? 10_000);
const cycles = Number(process.argv[3] ?? 100);
const report = await runSoak({
  wasm: iiWasm(),
  previousRelease: releaseWasm(),
  anchors,
  cycles,
  log: (line) => process.stderr.write(`${line}\n`),
});
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms`;
};
const up = report.cycles.filter((c) => c.to === 'this build').map((c) => c.upgradeMs);
const down = report.cycles.filter((c) => c.to === 'previous release').map((c) => c.upgradeMs);
console.log(
  `soak: ${report.anchors} anchors, ${report.devices} devices, filled in ${report.fillSeconds.toFixed(0)} s, stable memory ${(report.stableBytes / 1e6).toFixed(1)} MB`,
);
console.log(`upgrade to this build (${up.length}): ${stats(up)}`);
if (down.length) console.log(`downgrade to the previous release (${down.length}): ${stats(down)}`);
console.log(`check of every anchor per cycle: ${stats(report.cycles.map((c) => c.checkMs))}`);
console.log(`mismatches: ${report.mismatches.length}`);
for (const m of report.mismatches.slice(0, 20)) console.log(m);
process.exitCode = report.mismatches.length > 0 ? 1 : 0;
