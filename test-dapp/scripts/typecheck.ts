// Type-checks the TypeScript worlds of the test dapp: Node (scripts, tests, the canister's pure
// modules), the browser (frontend/ and the ICRC pages in ../test-dapp-icrc/), the Playwright Test
// suite (e2e/, resolved as a dapp's bundler-style project resolves) and the Azle entry
// (canister/src/index.ts). The Azle entry needs the generated assets module (a stub is written
// when no build has run yet; builds overwrite it), and Azle ships TypeScript sources that fail
// our strict settings: errors inside node_modules are not ours and are filtered out, as
// canister/scripts/typecheck-azle.ts does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAssetsModule } from './assets.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, '..', 'node_modules', '.bin', 'tsc');

const generated = join(root, 'dist', 'generated', 'assets.ts');
if (!existsSync(generated)) {
  mkdirSync(dirname(generated), { recursive: true });
  writeFileSync(generated, renderAssetsModule({ pages: [], statics: [] }));
}

let failed = false;
for (const [project, ignoreNodeModules] of [
  ['tsconfig.json', false],
  ['frontend/tsconfig.json', false],
  ['e2e/tsconfig.json', false],
  ['../test-dapp-icrc/tsconfig.json', false],
  ['canister/tsconfig.json', true],
] as const) {
  const r = spawnSync(tsc, ['-p', join(root, project), '--pretty', 'false'], { encoding: 'utf8' });
  const errors = r.stdout
    .split('\n')
    .filter((l) => /error TS\d+/.test(l) && !(ignoreNodeModules && l.includes('node_modules/')));
  if (r.status !== 0 && errors.length === 0 && !ignoreNodeModules) errors.push(r.stdout + r.stderr);
  process.stderr.write(`[typecheck] ${project}: ${errors.length === 0 ? 'ok' : 'FAILED'}\n`);
  if (errors.length > 0) {
    process.stderr.write(`${errors.join('\n')}\n`);
    failed = true;
  }
}
if (failed) process.exit(1);
