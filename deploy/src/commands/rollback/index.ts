/**
 * `rollback --target T [--to V]`: preflight (no Candid check: going back to an older interface is
 * the point), upgrades the target to release V (default: the release it ran before its current
 * module, from the ledger), waits for the hash and probes. Needs nothing but
 * the controller's key: no Internet Identity login, no dashboard. For an NNS-controlled target it
 * writes the InstallCode proposal instead (voters need no Internet Identity login either).
 */
import { writeFileSync } from 'node:fs';
import { BrowserPool } from '@ii/probes';
import { DeployError } from '../../errors.js';
import {
  type Deployment,
  agentFor,
  preflight,
  probeStep,
  running,
  upgrade,
  waitForHash,
} from '../../pipeline.js';
import { installCodeProposal } from '../../proposal.js';
import { readRelease } from '../../release.js';

export interface RollbackResult {
  target: string;
  version: string;
  moduleHash: string;
  verdict: 'green' | 'proposal-written';
  proposal?: string;
}

/**
 * The release the target ran before `currentHash`, according to the ledger: the release the green
 * entry that put `currentHash` there replaced, else the last other release that was green there.
 */
export function previousRelease(d: Deployment, currentHash: string | null): string | undefined {
  const put = d.ledger
    .entries()
    .filter(
      (e) => e.target === d.target.name && e.verdict === 'green' && e.wasmSha256 === currentHash,
    )
    .at(-1);
  if (put?.previous) return put.previous;
  const entries = d.ledger
    .entries()
    .filter(
      (e) =>
        e.target === d.target.name &&
        e.verdict === 'green' &&
        e.version &&
        e.wasmSha256 !== currentHash,
    );
  return entries.at(-1)?.version;
}

export async function rollback(
  d: Deployment,
  to?: string,
  proposalOut?: string,
): Promise<RollbackResult> {
  const r = d.reporter;
  const name = d.target.name;
  const agent = await agentFor(d.target);
  const now = await r.step(name, 'read-state', () => running(d, agent));
  const version = to ?? previousRelease(d, now.moduleHash);
  if (!version)
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `the ledger knows no earlier release of ${name}: give --to VERSION`,
    );
  const release = readRelease(d.config.releases, version);
  const hash = release.manifest.wasmSha256;
  await r.step(name, 'preflight', () => preflight(d, agent, release, now, { candid: false }));
  if (d.target.viaProposal) {
    const path = proposalOut ?? `proposal-rollback-${version}.json`;
    await r.step(name, 'proposal', async () => {
      writeFileSync(
        path,
        `${JSON.stringify(installCodeProposal(d.target.canisterId, release, now), null, 2)}\n`,
      );
    });
    return { target: name, version, moduleHash: hash, verdict: 'proposal-written', proposal: path };
  }
  await r.step(name, 'rollback-upgrade', () => upgrade(d, agent, release.wasm));
  const browsers = new BrowserPool();
  try {
    await r.step(name, 'wait-hash', () => waitForHash(d, agent, hash));
    const red = await probeStep(d, browsers, 0);
    d.ledger.record({
      target: name,
      action: 'rollback',
      version,
      wasmSha256: hash,
      verdict: red ? 'red' : 'green',
      reason: red?.reason,
      detail: red?.detail,
    });
    if (red)
      throw new DeployError(
        'II_ERR_DEPLOY_ROLLBACK',
        `rolled back to ${version}, but ${red.reason}: ${red.detail}`,
      );
    await r.released(name, version, hash);
    return { target: name, version, moduleHash: hash, verdict: 'green' };
  } finally {
    await browsers.close();
  }
}
