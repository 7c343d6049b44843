/**
 * The release ledger: every canary, promote and rollback decision with its verdict, in one JSON
 * file (written whole through a temporary file, so a crash never leaves half a ledger).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { DeployError } from './errors.js';

const entrySchema = z.object({
  at: z.string(),
  target: z.string(),
  action: z.enum(['canary', 'promote', 'rollback', 'restore']),
  version: z.string().optional(),
  wasmSha256: z.string(),
  verdict: z.enum(['green', 'red']),
  reason: z.string().optional(),
  detail: z.string().optional(),
});
export type LedgerEntry = z.infer<typeof entrySchema>;

const ledgerSchema = z.object({ entries: z.array(entrySchema) });

export class Ledger {
  constructor(readonly path: string) {}

  entries(): LedgerEntry[] {
    if (!existsSync(this.path)) return [];
    try {
      return ledgerSchema.parse(JSON.parse(readFileSync(this.path, 'utf8'))).entries;
    } catch (e) {
      throw new DeployError(
        'II_ERR_DEPLOY_CONFIG',
        `the ledger ${this.path} is unreadable: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  }

  record(entry: Omit<LedgerEntry, 'at'>): LedgerEntry {
    const full = { at: new Date().toISOString(), ...entry };
    const entries = [...this.entries(), full];
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ entries }, null, 2)}\n`);
    renameSync(tmp, this.path);
    return full;
  }

  /** The newest green canary verdict for `wasmSha256`, if no older than `maxAgeHours`. */
  greenCanary(wasmSha256: string, maxAgeHours: number): LedgerEntry | undefined {
    const since = Date.now() - maxAgeHours * 3_600_000;
    return this.entries()
      .filter((e) => e.action === 'canary' && e.verdict === 'green' && e.wasmSha256 === wasmSha256)
      .filter((e) => Date.parse(e.at) >= since)
      .at(-1);
  }

  last(target: string): LedgerEntry | undefined {
    return this.entries()
      .filter((e) => e.target === target)
      .at(-1);
  }
}
