/**
 * `canary --release V --target canary`: preflight, snapshot, upgrade, wait for the certified hash,
 * probe over the soak window, check the canister's metrics. Green: the verdict goes to the ledger.
 * Red: the canary is rolled back and the failing probe's reason is the error.
 */
import { DeployError } from '../../errors.js';
import {
  type Deployment,
  agentFor,
  preflight,
  running,
  snapshot,
  upgradeAndProbe,
  userCount,
} from '../../pipeline.js';
import { readRelease } from '../../release.js';

export interface CanaryResult {
  target: string;
  version: string;
  moduleHash: string;
  verdict: 'green';
  soakSeconds: number;
}

export async function canary(
  d: Deployment,
  version: string,
  soakSeconds = d.config.soakSeconds,
): Promise<CanaryResult> {
  if (d.target.role !== 'canary')
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `${d.target.name} is a ${d.target.role} target: canary goes to the canary`,
    );
  const release = readRelease(d.config.releases, version);
  const r = d.reporter;
  const name = d.target.name;
  const agent = await agentFor(d.target);
  const before = await r.step(name, 'read-state', () => running(d, agent));
  await r.step(name, 'preflight', () => preflight(d, agent, release, before));
  const usersBefore = await userCount(d);
  const snapshotId = await r.step(name, 'snapshot', () => snapshot(d, agent));
  const red = await upgradeAndProbe(d, agent, {
    action: 'canary',
    release,
    before,
    snapshotId,
    soakSeconds,
    usersBefore,
  });
  if (red)
    throw new DeployError(
      'II_ERR_DEPLOY_RED',
      `canary red (${red.reason}: ${red.detail}), rolled back`,
    );
  return {
    target: name,
    version,
    moduleHash: release.manifest.wasmSha256,
    verdict: 'green',
    soakSeconds,
  };
}
