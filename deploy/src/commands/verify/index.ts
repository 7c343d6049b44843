/**
 * `verify --network URL --canister ID [--commit C]`: the manual walkthrough of "verifying the code
 * of the Internet Identity service" as one command. Reads the module hash the IC certifies for the
 * canister (read_state, verified against the network's root key), takes commit C (default: the
 * release built here with that hash), rebuilds it in a clean worktree with that commit's own
 * release build, and compares.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canisterInfo, createAgent, network } from '@ii/client';
import { DeployError } from '../../errors.js';
import { REPO, WASM_FILE, releaseByHash, sha256 } from '../../release.js';
import { runStep } from '../../run-step.js';

export interface VerifyResult {
  canisterId: string;
  network: string;
  commit: string;
  deployedHash: string;
  rebuiltHash: string;
  verdict: 'match' | 'mismatch';
}

export interface VerifyOptions {
  network: string;
  rootKey?: string;
  canisterId: string;
  commit?: string;
  releasesDir: string;
  log: (line: string) => void;
}

export async function verify(o: VerifyOptions): Promise<VerifyResult> {
  let agent;
  try {
    agent = await createAgent(network(o.network === 'ic' ? 'ic' : o.network, o.rootKey));
  } catch (e) {
    throw new DeployError('II_ERR_DEPLOY_USAGE', (e as Error).message);
  }
  const info = await canisterInfo(agent, o.canisterId).catch((e: Error) => {
    throw new DeployError(
      'II_ERR_DEPLOY_NETWORK',
      `read_state of ${o.canisterId}: ${e.message.split('\n')[0]}`,
    );
  });
  if (!info.moduleHash)
    throw new DeployError('II_ERR_DEPLOY_USAGE', `${o.canisterId} has no module installed`);
  const commit = o.commit ?? releaseByHash(o.releasesDir, info.moduleHash)?.gitCommit;
  if (!commit)
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `no release built here has module ${info.moduleHash}: give --commit`,
    );
  o.log(`the IC certifies module ${info.moduleHash} for ${o.canisterId}; rebuilding ${commit}`);
  const rebuilt = await rebuildCommit(commit, o.log);
  return {
    canisterId: o.canisterId,
    network: o.network,
    commit,
    deployedHash: info.moduleHash,
    rebuiltHash: rebuilt,
    verdict: rebuilt === info.moduleHash ? 'match' : 'mismatch',
  };
}

/** Builds `commit` in a fresh worktree with its own `npm ci` and release build; its wasm's sha256. */
export async function rebuildCommit(commit: string, log: (line: string) => void): Promise<string> {
  const tree = mkdtempSync(join(tmpdir(), 'ii-verify-'));
  try {
    try {
      execFileSync('git', ['worktree', 'add', '--detach', tree, commit], {
        cwd: REPO,
        stdio: 'ignore',
      });
    } catch {
      throw new DeployError(
        'II_ERR_DEPLOY_USAGE',
        `commit ${commit} is not in this repository (fetch it first)`,
      );
    }
    if (!existsSync(join(tree, 'deploy', 'bin', 'ii-deploy.js')))
      throw new DeployError(
        'II_ERR_DEPLOY_USAGE',
        `commit ${commit} has no release build (deploy/): it predates ii-deploy`,
      );
    log("installing the commit's dependencies (npm ci)");
    await runStep('npm', ['ci', '--no-audit', '--no-fund'], { cwd: tree });
    const out = join(tree, '.verify-release');
    log('building the release');
    await runStep(
      process.execPath,
      [
        join(tree, 'deploy', 'bin', 'ii-deploy.js'),
        'build',
        '--version',
        'verify',
        '--releases',
        out,
      ],
      { cwd: tree },
    );
    return sha256(new Uint8Array(readFileSync(join(out, 'verify', WASM_FILE))));
  } finally {
    try {
      execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: REPO, stdio: 'ignore' });
    } catch {
      // Not a worktree (adding it failed): the folder goes below.
    }
    rmSync(tree, { recursive: true, force: true });
  }
}
