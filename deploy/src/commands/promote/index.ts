/**
 * `promote --release V --target production`: only a module with a green canary verdict (not
 * older than canaryMaxAgeHours) goes to production. Directly controlled production: snapshot,
 * upgrade, wait for the hash, probe; red → automatic rollback to the previous release by upgrade
 * (anchors created meanwhile survive), the snapshot only if that cannot restore service.
 * NNS-controlled production (`viaProposal`): after the same preflight, the governance InstallCode
 * proposal is written instead (see proposal.ts), and `awaitProposal` watches and probes once it executed.
 */
import { writeFileSync } from 'node:fs';
import { DeployError } from '../../errors.js';
import {
  type Deployment,
  agentFor,
  preflight,
  running,
  snapshot,
  upgradeAndProbe,
} from '../../pipeline.js';
import { installCodeProposal } from '../../proposal.js';
import { readRelease } from '../../release.js';

export interface PromoteOptions {
  /** Skip the green-canary requirement (the caller has confirmed). */
  skipCanary?: boolean;
  /** Where an NNS proposal payload goes (viaProposal targets). */
  proposalOut?: string;
}

export interface PromoteResult {
  target: string;
  version: string;
  moduleHash: string;
  verdict: 'green' | 'proposal-written';
  proposal?: string;
}

export async function promote(
  d: Deployment,
  version: string,
  o: PromoteOptions = {},
): Promise<PromoteResult> {
  if (d.target.role !== 'production')
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `${d.target.name} is a ${d.target.role} target: promote goes to production`,
    );
  const release = readRelease(d.config.releases, version);
  const hash = release.manifest.wasmSha256;
  const r = d.reporter;
  const name = d.target.name;
  if (!o.skipCanary && !d.ledger.greenCanary(hash, d.config.canaryMaxAgeHours))
    throw new DeployError(
      'II_ERR_DEPLOY_NO_CANARY',
      `module ${hash.slice(0, 12)}… (release ${version}) has no green canary verdict from the last ${d.config.canaryMaxAgeHours} h: run canary first`,
    );
  const agent = await agentFor(d.target);
  const before = await r.step(name, 'read-state', () => running(d, agent));
  await r.step(name, 'preflight', () => preflight(d, agent, release, before));
  if (d.target.viaProposal) {
    const path = o.proposalOut ?? `proposal-${version}.json`;
    await r.step(name, 'proposal', async () => {
      writeFileSync(
        path,
        `${JSON.stringify(installCodeProposal(d.target.canisterId, release, before), null, 2)}\n`,
      );
    });
    return { target: name, version, moduleHash: hash, verdict: 'proposal-written', proposal: path };
  }
  const snapshotId = await r.step(name, 'snapshot', () => snapshot(d, agent));
  const red = await upgradeAndProbe(d, agent, {
    action: 'promote',
    release,
    before,
    snapshotId,
    soakSeconds: 0,
  });
  if (red) {
    d.ledger.record({
      target: name,
      action: 'rollback',
      version: before.release?.version,
      wasmSha256: before.moduleHash ?? '',
      verdict: 'green',
      detail: `by ${red.how}`,
    });
    if (before.release && before.moduleHash)
      await r.released(name, before.release.version, before.moduleHash);
    throw new DeployError(
      'II_ERR_DEPLOY_RED',
      `production red (${red.reason}: ${red.detail}), rolled back to ${before.release?.version ?? before.moduleHash} by ${red.how}`,
    );
  }
  return { target: name, version, moduleHash: hash, verdict: 'green' };
}
