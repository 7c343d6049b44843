/**
 * Type-checks the Azle entries (src/main.ts, src/state.ts, src/entry/, archive/main.ts, archive/state.ts,
 * bench/fill-canister/main.ts). Azle ships TypeScript sources, and one of
 * them does not pass our strict settings; errors inside node_modules are therefore not ours and
 * are filtered out, every other error fails the check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, '..', 'node_modules', '.bin', 'tsc');
// main.ts imports the files the build generates (assets, build info): build once if they are missing.
if (
  !existsSync(join(root, 'src', 'generated', 'assets.ts')) ||
  !existsSync(join(root, 'src', 'generated', 'build-info.ts'))
) {
  const { build } = await import('./build.js');
  build();
}
const result = spawnSync(tsc, ['-p', join(root, 'tsconfig.azle.json'), '--pretty', 'false'], {
  encoding: 'utf8',
});
const errors = result.stdout
  .split('\n')
  .filter((line) => /error TS\d+/.test(line) && !line.includes('node_modules/'));
if (errors.length > 0) {
  process.stderr.write(`${errors.join('\n')}\n`);
  process.exit(1);
}
process.stderr.write('canister: Azle entry type-checks\n');
