/**
 * Targets to probe, from one config file (YAML or JSON) or from command-line flags: what the
 * deployment is (canister id, hostnames, API endpoint, root key), where its test dapp is, how the
 * browser reaches it (host mappings, an extra CA), the probe's credentials and the intervals.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Principal } from '@dfinity/principal';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ProbeError } from './errors.js';
import { FLOWS, type Flow } from './result.js';

const principalText = z.string().refine(
  (s) => {
    try {
      return Principal.fromText(s).toText() === s;
    } catch {
      return false;
    }
  },
  { message: 'not a principal' },
);
const hostname = z.string().regex(/^[a-z0-9.-]+$/i, 'not a hostname');
/** `HOST:ADDRESS:PORT`, as curl's --resolve. */
const resolveRule = z.string().regex(/^[^:\s]+:[^:\s]+:\d+$/, 'expected HOST:ADDRESS:PORT');

export const DEFAULT_INTERVALS: Record<Flow, number> = {
  api: 15,
  page: 30,
  login: 60,
  register: 300,
};

const targetSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_-]+$/i, 'letters, digits, - and _ only'),
    canisterId: principalText,
    hostnames: z.array(hostname).min(1),
    /** The API endpoint (read_state, query, call). */
    network: z.url(),
    /** Hex DER root key; `fetch` asks the network (never for mainnet); absent means mainnet's. */
    rootKey: z.union([z.literal('fetch'), z.string().regex(/^[0-9a-f]{266}$/i)]).optional(),
    dappUrl: z.url(),
    dappCanisterId: principalText,
    location: z.string().default('local'),
    resolve: z.array(resolveRule).default([]),
    ca: z.string().optional(),
    credentials: z.string().optional(),
    /** Whether the target asks for a captcha at registration (the register flow runs only without). */
    captcha: z.boolean().default(true),
    flows: z.array(z.enum(FLOWS)).optional(),
    intervals: z
      .object({ api: z.number(), page: z.number(), login: z.number(), register: z.number() })
      .partial()
      .default({}),
    timeoutSeconds: z.number().positive().default(60),
    /** After a failed run, the next one comes this soon (a new run, counted, not a hidden retry). */
    recheckSeconds: z.number().positive().default(5),
  })
  .strict();

const configSchema = z
  .object({
    targets: z.array(targetSchema).min(1),
    artifacts: z.string().default('.probes/artifacts'),
    /** How many failed runs' artifacts are kept per probe. */
    keepArtifacts: z.number().int().nonnegative().default(20),
  })
  .strict();

export type TargetInput = z.input<typeof targetSchema>;

export interface Target {
  name: string;
  canisterId: string;
  hostnames: string[];
  network: string;
  rootKey?: 'fetch' | string;
  dappUrl: string;
  dappCanisterId: string;
  location: string;
  resolve: string[];
  /** Absolute path of an extra CA certificate (PEM) the browser trusts. */
  ca?: string;
  /** Absolute path of the credentials file. */
  credentials?: string;
  captcha: boolean;
  flows: Flow[];
  intervals: Record<Flow, number>;
  timeoutSeconds: number;
  recheckSeconds: number;
}

export interface ProbesConfig {
  targets: Target[];
  artifacts: string;
  keepArtifacts: number;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

function normalise(t: z.output<typeof targetSchema>, base: string): Target {
  const abs = (p: string | undefined) =>
    p === undefined ? undefined : isAbsolute(p) ? p : resolve(base, p);
  const flows: Flow[] =
    t.flows ?? (t.captcha ? ['page', 'login', 'api'] : ['page', 'login', 'api', 'register']);
  return {
    ...t,
    network: t.network.replace(/\/$/, ''),
    dappUrl: t.dappUrl.replace(/\/$/, ''),
    ca: abs(t.ca),
    credentials: abs(t.credentials),
    flows,
    intervals: { ...DEFAULT_INTERVALS, ...t.intervals },
  };
}

/** Reads and validates a config file; relative paths in it are relative to the file. */
export function loadConfig(path: string): ProbesConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ProbeError(
      'II_ERR_PROBE_CONFIG',
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ProbeError(
      'II_ERR_PROBE_CONFIG',
      `${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success)
    throw new ProbeError('II_ERR_PROBE_CONFIG', `${path}: ${describe(parsed.error)}`);
  const base = dirname(resolve(path));
  const targets = parsed.data.targets.map((t) => normalise(t, base));
  const names = new Set<string>();
  for (const t of targets) {
    if (names.has(t.name))
      throw new ProbeError('II_ERR_PROBE_CONFIG', `${path}: target ${t.name} appears twice`);
    names.add(t.name);
  }
  return {
    targets,
    artifacts: isAbsolute(parsed.data.artifacts)
      ? parsed.data.artifacts
      : resolve(base, parsed.data.artifacts),
    keepArtifacts: parsed.data.keepArtifacts,
  };
}

/** A target from command-line flags (no config file), validated like one from a file. */
export function targetFromFlags(input: TargetInput, base = process.cwd()): Target {
  const parsed = targetSchema.safeParse(input);
  if (!parsed.success) throw new ProbeError('II_ERR_PROBE_USAGE', describe(parsed.error));
  return normalise(parsed.data, base);
}

export function findTarget(config: ProbesConfig, name: string): Target {
  const t = config.targets.find((x) => x.name === name);
  if (!t)
    throw new ProbeError(
      'II_ERR_PROBE_TARGET',
      `no target ${name} (the config has ${config.targets.map((x) => x.name).join(', ')})`,
    );
  return t;
}
