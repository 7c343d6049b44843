/**
 * `status`: per target, the module the IC certifies and the release it is, the last verdicts, and
 * since when canary and production run different modules.
 */
import type { DeployConfig } from '../../config.js';
import { Ledger, type LedgerEntry } from '../../ledger.js';
import { agentFor, running } from '../../pipeline.js';
import { Reporter } from '../../reporter.js';

export interface TargetStatus {
  target: string;
  role: string;
  canisterId: string;
  moduleHash: string | null;
  release: string | null;
  lastVerdicts: LedgerEntry[];
  error?: string;
}

export interface Status {
  targets: TargetStatus[];
  /** When canary and production started to differ (ISO time), or null when they run the same. */
  differingSince: string | null;
}

export async function status(config: DeployConfig): Promise<Status> {
  const ledger = new Ledger(config.ledger);
  const reporter = new Reporter(undefined);
  const targets: TargetStatus[] = [];
  for (const target of Object.values(config.targets)) {
    const d = { config, target, reporter, ledger };
    const lastVerdicts = ledger
      .entries()
      .filter((e) => e.target === target.name)
      .slice(-5);
    try {
      const now = await running(d, await agentFor(target));
      targets.push({
        target: target.name,
        role: target.role,
        canisterId: target.canisterId,
        moduleHash: now.moduleHash,
        release: now.release?.version ?? null,
        lastVerdicts,
      });
    } catch (e) {
      targets.push({
        target: target.name,
        role: target.role,
        canisterId: target.canisterId,
        moduleHash: null,
        release: null,
        lastVerdicts,
        error: (e as Error).message.split('\n')[0],
      });
    }
  }
  const canary = targets.find((t) => t.role === 'canary');
  const production = targets.find((t) => t.role === 'production');
  let differingSince: string | null = null;
  if (canary?.moduleHash && production?.moduleHash && canary.moduleHash !== production.moduleHash) {
    // They differ since the canary got its current module (its newest green canary entry).
    const since = ledger
      .entries()
      .filter((e) => e.target === canary.target && e.wasmSha256 === canary.moduleHash)
      .at(-1);
    differingSince = since?.at ?? 'unknown';
  }
  return { targets, differingSince };
}
