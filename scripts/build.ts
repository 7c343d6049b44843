/**
 * Builds the workspaces whose inputs changed since their last build, in dependency order, and
 * nothing else: `npm start` calls it before starting, the browser suites before their first test.
 *
 *   node --import tsx scripts/build.ts [--force] [--json]
 *
 * A workspace is fresh when its output exists and the sha256 of its inputs (file paths and bytes,
 * the lockfile included) equals the one recorded after its last successful build. Content, not
 * modification times: a checkout of another branch and back, or a touched file, rebuilds nothing.
 * The records live in node_modules/.cache/ii-build/, outside every folder a build embeds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScriptError } from './errors.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildTarget {
  /** The npm workspace whose `build` script makes the output. */
  workspace: string;
  /** Files and folders (repository-relative) whose content determines the output. */
  inputs: readonly string[];
  /** The file the build writes last; absent means stale. */
  output: string;
}

/** Every deployable build, in the order they depend on each other. */
export const TARGETS: readonly BuildTarget[] = [
  {
    workspace: 'localnet',
    inputs: ['localnet/src', 'localnet/testvectors', 'localnet/tsconfig.build.json'],
    output: 'localnet/dist/index.js',
  },
  {
    workspace: 'frontend',
    inputs: [
      'frontend/src',
      'frontend/public',
      'frontend/index.html',
      'frontend/vite.config.ts',
      'frontend/vite.static-build.ts',
    ],
    // The production page (dist/), then the test flavor's (dist-test/).
    output: 'frontend/dist-test/index.html',
  },
  {
    workspace: 'canister',
    // frontend/dist: the canister embeds the built page.
    inputs: [
      'canister/src',
      'canister/scripts',
      'canister/archive',
      'canister/placeholder',
      'canister/dfx.json',
      'frontend/dist',
      'frontend/dist-test',
    ],
    // The canister build writes the archive (dist/archive.wasm.gz) after II.
    output: 'canister/dist/archive.wasm.gz',
  },
  {
    workspace: 'test-dapp',
    // The dapp canister serves its page with the II canister's certification code.
    inputs: [
      'test-dapp/canister/src',
      'test-dapp/frontend',
      'test-dapp-icrc',
      'test-dapp/scripts',
      'test-dapp/dfx.json',
      'canister/src/http',
      'canister/src/certification',
      'canister/src/bytes.ts',
      'canister/src/certified-assets.ts',
      'canister/scripts/build-tools.ts',
      'canister/scripts/build-lock.ts',
      'canister/scripts/assets.ts',
      'frontend/vite.static-build.ts',
    ],
    output: 'test-dapp/dist/test_dapp.wasm.gz',
  },
];

/** Inputs of every target: the compiler settings and the exact dependency versions. */
const COMMON_INPUTS = ['package-lock.json', 'tsconfig.base.json'];
/** Never an input: outputs, generated files, caches, and tests (no build embeds a test). */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'generated', '.azle', '.tsbuild']);
const isTest = (name: string) => /\.test\.tsx?$/.test(name);

function listFiles(root: string, path: string, out: string[]): void {
  const abs = join(root, path);
  if (!existsSync(abs)) return;
  if (!statSync(abs).isDirectory()) {
    out.push(path);
    return;
  }
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    if (e.name.startsWith('.') || isTest(e.name)) continue;
    if (e.isDirectory() && SKIP_DIRS.has(e.name)) continue;
    listFiles(root, join(path, e.name), out);
  }
}

/** sha256 over the sorted (path, bytes) pairs of the target's inputs and the common inputs. */
export function inputsDigest(target: BuildTarget, root = REPO): string {
  const files: string[] = [];
  for (const p of [...COMMON_INPUTS, join(target.workspace, 'package.json'), ...target.inputs])
    listFiles(root, p, files);
  const h = createHash('sha256');
  for (const f of [...new Set(files)].sort()) {
    h.update(f.split(sep).join('/')).update('\0');
    h.update(readFileSync(join(root, f))).update('\0');
  }
  return h.digest('hex');
}

const recordPath = (root: string, t: BuildTarget) =>
  join(root, 'node_modules', '.cache', 'ii-build', `${t.workspace}.sha256`);

export function isFresh(t: BuildTarget, root = REPO): boolean {
  const record = recordPath(root, t);
  return (
    existsSync(join(root, t.output)) &&
    existsSync(record) &&
    readFileSync(record, 'utf8').trim() === inputsDigest(t, root)
  );
}

export interface BuildReport {
  built: string[];
  fresh: string[];
  seconds: number;
}

export interface BuildOptions {
  force?: boolean;
  root?: string;
  targets?: readonly BuildTarget[];
  /** Where builds write their progress (never stdout, which belongs to the caller's result). */
  log?: (line: string) => void;
}

/** Builds each stale target in order; a failed build throws and records nothing for it. */
export function buildStale(options: BuildOptions = {}): BuildReport {
  const root = options.root ?? REPO;
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const started = performance.now();
  const report: BuildReport = { built: [], fresh: [], seconds: 0 };
  for (const t of options.targets ?? TARGETS) {
    // Checked in turn: a rebuilt frontend makes the canister stale.
    if (!options.force && isFresh(t, root)) {
      report.fresh.push(t.workspace);
      continue;
    }
    log(`[build] ${t.workspace}: building`);
    try {
      execFileSync('npm', ['run', 'build', '--silent', '-w', t.workspace], {
        cwd: root,
        stdio: ['ignore', 2, 2],
        // Whoever calls (vitest sets NODE_ENV=test), a build is a production build: Vite bundles
        // other code under another NODE_ENV, and releases must rebuild to the same bytes.
        env: { ...process.env, NODE_ENV: 'production' },
      });
    } catch {
      // Its own output has already gone to stderr.
      throw new ScriptError(
        'II_ERR_SCRIPT_BUILD',
        `building ${t.workspace} failed (its output is above)`,
      );
    }
    const record = recordPath(root, t);
    mkdirSync(dirname(record), { recursive: true });
    writeFileSync(record, `${inputsDigest(t, root)}\n`);
    report.built.push(t.workspace);
  }
  report.seconds = Math.round(performance.now() - started) / 1000;
  return report;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const unknown = args.find((a) => !['--force', '--json', '--help'].includes(a));
  if (unknown) {
    process.stderr.write(`build: unknown option ${unknown} (see --help)\n`);
    process.exitCode = 2;
  } else if (args.includes('--help')) {
    process.stdout.write(
      'Usage: node --import tsx scripts/build.ts [--force] [--json]\n\n' +
        'Builds the workspaces whose inputs changed (localnet, frontend, canister, test-dapp).\n' +
        '  --force  build every workspace\n  --json   print {built, fresh, seconds} on stdout\n',
    );
  } else {
    try {
      const report = buildStale({ force: args.includes('--force') });
      if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
      else process.stderr.write(`[build] done: ${JSON.stringify(report)}\n`);
    } catch (e) {
      if (!(e instanceof ScriptError)) throw e;
      process.stderr.write(`[build] ${e.message}\n`);
      process.exitCode = 1;
    }
  }
}
