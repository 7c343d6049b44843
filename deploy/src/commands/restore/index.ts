/**
 * `restore --target T --from FILE`: the file's snapshot uploaded back into the same canister id
 * and loaded (the canister is stopped meanwhile), then the module hash and the probes checked.
 */
import { Principal } from '@dfinity/principal';
import { canisterInfo, management } from '@ii/client';
import { BrowserPool } from '@ii/probes';
import { DeployError } from '../../errors.js';
import { type Deployment, agentFor, probeStep } from '../../pipeline.js';
import { inspectSnapshotFile, uploadSnapshot } from '../../snapshot-file.js';

export async function restore(
  d: Deployment,
  from: string,
): Promise<{ target: string; moduleHash: string | null; verdict: 'green' }> {
  const header = inspectSnapshotFile(from);
  if (header.canisterId !== d.target.canisterId)
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `${from} is a snapshot of ${header.canisterId}, not of ${d.target.canisterId}`,
    );
  const r = d.reporter;
  const name = d.target.name;
  const agent = await agentFor(d.target);
  const ic = management(agent);
  const canisterId = Principal.fromText(d.target.canisterId);
  const snapshotId = await r.step(name, 'upload', () => uploadSnapshot(ic, canisterId, from));
  await r.step(name, 'load-snapshot', async () => {
    await ic.stopCanister(canisterId);
    try {
      await ic.loadCanisterSnapshot({ canisterId, snapshotId });
    } finally {
      await ic.startCanister(canisterId);
    }
  });
  const browsers = new BrowserPool();
  try {
    const red = await probeStep(d, browsers, 0);
    const info = await canisterInfo(agent, d.target.canisterId);
    d.ledger.record({
      target: name,
      action: 'restore',
      wasmSha256: info.moduleHash ?? '',
      verdict: red ? 'red' : 'green',
      reason: red?.reason,
      detail: red?.detail,
    });
    if (red)
      throw new DeployError('II_ERR_DEPLOY_ROLLBACK', `restored, but ${red.reason}: ${red.detail}`);
    return { target: name, moduleHash: info.moduleHash, verdict: 'green' };
  } finally {
    await browsers.close();
  }
}
