/** `backup --target T --out FILE`: a snapshot of the canister, downloaded to a file (mode 0600). */
import { Principal } from '@dfinity/principal';
import { management } from '@ii/client';
import { type Deployment, agentFor, snapshot } from '../../pipeline.js';
import { downloadSnapshot } from '../../snapshot-file.js';

export async function backup(
  d: Deployment,
  out: string,
): Promise<{ target: string; file: string; bytes: number }> {
  const r = d.reporter;
  const agent = await agentFor(d.target);
  const snapshotId = await r.step(d.target.name, 'snapshot', () => snapshot(d, agent));
  const header = await r.step(d.target.name, 'download', () =>
    downloadSnapshot(management(agent), Principal.fromText(d.target.canisterId), snapshotId, out),
  );
  const bytes =
    Number(header.wasmModuleSize) + Number(header.wasmMemorySize) + Number(header.stableMemorySize);
  return { target: d.target.name, file: out, bytes };
}
