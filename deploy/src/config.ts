/**
 * The release tool's configuration (YAML or JSON): where releases and the ledger live, the
 * Pushgateway, the probes config, and the targets (canary and production) with the identity that
 * controls each and the probe target that checks it.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DeployError } from './errors.js';

const targetSchema = z
  .object({
    role: z.enum(['canary', 'production']),
    network: z.string(),
    rootKey: z.union([z.literal('fetch'), z.string().regex(/^[0-9a-f]{266}$/i)]).optional(),
    canisterId: z.string(),
    /** `anonymous` (localnet's default controller) or an Ed25519 PEM file (PKCS#8). */
    identity: z.string().default('anonymous'),
    /** The target's name in the probes config. */
    probeTarget: z.string(),
    /** Production controlled by the NNS: write proposals instead of upgrading. */
    viaProposal: z.boolean().default(false),
  })
  .strict();

const configSchema = z
  .object({
    releases: z.string().default('releases'),
    ledger: z.string().default('.deploy/ledger.json'),
    probes: z.string(),
    pushgateway: z.url().optional(),
    /** How long the canary is probed after its upgrade. */
    soakSeconds: z.number().nonnegative().default(300),
    /** Pause between probe rounds during the soak. */
    soakPauseSeconds: z.number().nonnegative().default(15),
    /** How old a green canary verdict may be for promote to accept it. */
    canaryMaxAgeHours: z.number().positive().default(72),
    targets: z.record(z.string(), targetSchema),
  })
  .strict();

export type DeployTarget = z.output<typeof targetSchema> & { name: string };
export interface DeployConfig extends Omit<z.output<typeof configSchema>, 'targets'> {
  targets: Record<string, DeployTarget>;
  /** The folder of the config file: relative paths are relative to it. */
  base: string;
}

export function loadDeployConfig(path: string): DeployConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DeployError(
      'II_ERR_DEPLOY_CONFIG',
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new DeployError(
      'II_ERR_DEPLOY_CONFIG',
      `${path} is not valid: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DeployError(
      'II_ERR_DEPLOY_CONFIG',
      `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const base = dirname(resolve(path));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const targets: Record<string, DeployTarget> = {};
  for (const [name, t] of Object.entries(parsed.data.targets)) {
    targets[name] = {
      ...t,
      name,
      identity: t.identity === 'anonymous' ? t.identity : abs(t.identity),
    };
  }
  return {
    ...parsed.data,
    releases: abs(parsed.data.releases),
    ledger: abs(parsed.data.ledger),
    probes: abs(parsed.data.probes),
    targets,
    base,
  };
}

export function targetNamed(config: DeployConfig, name: string): DeployTarget {
  const t = config.targets[name];
  if (!t)
    throw new DeployError(
      'II_ERR_DEPLOY_USAGE',
      `no target ${name} (the config has ${Object.keys(config.targets).join(', ')})`,
    );
  return t;
}
