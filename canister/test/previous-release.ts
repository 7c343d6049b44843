/**
 * The wasm of an earlier commit, built from git history, for tests that must run the code users
 * have installed today: anchors written by it, then read after an upgrade to this build, and
 * upgrade/downgrade cycles between the two.
 *
 * The commit's tree is extracted with `git archive` into a temporary folder that borrows this
 * checkout's node_modules (the build is offline), built with its own build script and the
 * placeholder page, and cached under node_modules/.cache/ii-releases/<commit>/.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDL } from '@dfinity/candid';
import { parseDid } from '../scripts/did-parser.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The build before strict argument checks and metadata limits: what a user of this repository
 * has installed until this release. Its `add` stores metadata nested hundreds of levels deep.
 */
export const PREVIOUS_RELEASE = '72877c0c86c37f93f48dc9ffc3ec0499bba3a558';

export function releaseWasmPath(commit: string): string {
  return join(REPO, 'node_modules', '.cache', 'ii-releases', commit, 'internet_identity.wasm.gz');
}

/**
 * The Candid interface of `commit` (its checked-in internet_identity.did), as its own clients
 * encode arguments: a call to the previous release through it sends exactly what that release's
 * frontend sent (no field added since, such as `DeviceData.aaguid`).
 */
export function releaseMethods(commit: string = PREVIOUS_RELEASE): Record<string, IDL.FuncClass> {
  const did = execFileSync('git', ['show', `${commit}:canister/internet_identity.did`], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return parseDid(did).methods;
}

/** An actor factory for `commit`'s interface (see `releaseMethods`). */
export function releaseIdlFactory(commit: string = PREVIOUS_RELEASE): IDL.InterfaceFactory {
  const methods = releaseMethods(commit);
  return () => IDL.Service(methods);
}

/** Builds (once per machine) and returns the gzipped wasm of `commit`. */
export function releaseWasm(commit: string = PREVIOUS_RELEASE): Uint8Array {
  const cached = releaseWasmPath(commit);
  if (!existsSync(cached)) buildRelease(commit, cached);
  return new Uint8Array(readFileSync(cached));
}

function buildRelease(commit: string, out: string): void {
  const tree = mkdtempSync(join(tmpdir(), 'ii-release-'));
  try {
    process.stderr.write(`[previous release] building ${commit.slice(0, 12)} from git history\n`);
    const archive = execFileSync('git', ['archive', '--format=tar', commit], {
      cwd: REPO,
      maxBuffer: 1 << 30,
    });
    execFileSync('tar', ['-x', '-C', tree], { input: archive });
    for (const dir of ['node_modules', join('canister', 'node_modules')])
      if (existsSync(join(REPO, dir))) symlinkSync(join(REPO, dir), join(tree, dir));
    const canister = join(tree, 'canister');
    execFileSync(process.execPath, ['--import', 'tsx', join(canister, 'scripts', 'build.ts')], {
      cwd: canister,
      env: {
        ...process.env,
        II_DIST_DIR: 'dist-release',
        II_ASSETS_DIR: join(canister, 'placeholder'),
        II_GIT_COMMIT: commit,
        RECORD_VERSION: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(join(canister, 'dist-release', 'internet_identity.wasm.gz'), out);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}
