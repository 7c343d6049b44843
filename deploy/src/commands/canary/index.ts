/**
 * `canary --release V --target canary`: preflight, snapshot, upgrade, wait for the certified hash,
 * probe over the soak window, check the canister's metrics. Green: the verdict goes to the ledger.
 * Red: the canary is rolled back and the failing probe's reason is the error.
 */
import { BrowserPool } from '@ii/probes';
import { DeployError } from '../../errors.js';
import {
  type Deployment,
  agentFor,
  preflight,
  probeStep,
  rollBack,
  running,
  snapshot,
  upgrade,
  userCount,
  waitForHash,
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
  const record = (verdict: 'green' | 'red', reason?: string, detail?: string) =>
    d.ledger.record({
      target: name,
      action: 'canary',
      version,
      wasmSha256: release.manifest.wasmSha256,
      verdict,
      reason,
      detail,
    });
  try {
    await r.step(name, 'upgrade', () => upgrade(d, agent, release.wasm));
  } catch (e) {
    record('red', 'upgrade', (e as Error).message);
    throw e;
  }
  const browsers = new BrowserPool();
  try {
    await r.step(name, 'wait-hash', () => waitForHash(d, agent, release.manifest.wasmSha256));
    const red = await probeStep(d, browsers, soakSeconds, usersBefore);
    if (red) {
      record('red', red.reason, red.detail);
      await rollBack(d, agent, browsers, before, snapshotId);
      throw new DeployError(
        'II_ERR_DEPLOY_RED',
        `canary red (${red.reason}: ${red.detail}), rolled back`,
      );
    }
    record('green');
    await r.released(name, version, release.manifest.wasmSha256);
    return {
      target: name,
      version,
      moduleHash: release.manifest.wasmSha256,
      verdict: 'green',
      soakSeconds,
    };
  } finally {
    await browsers.close();
  }
}
