/** The target options `ii-probe run` and `ii-probe enroll` share: a config file, or flags. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { II_HOSTNAMES } from '@ii/client';
import {
  type ProbesConfig,
  type Target,
  findTarget,
  loadConfig,
  targetFromFlags,
} from '../config.js';
import { ProbeError } from '../errors.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'targets file (YAML or JSON)')
    .option('--target <name>', 'the target in the config file')
    .option('--canister-id <id>', 'ad hoc target: the Internet Identity canister id')
    .option('--network <url>', 'ad hoc target: the API endpoint (ic, local or a URL)')
    .option('--root-key <hex>', "ad hoc target: the network's root key (hex DER), or fetch")
    .option(
      '--hostname <host>',
      `a hostname Internet Identity is served on (repeatable; default: ${II_HOSTNAMES.join(', ')})`,
      collect,
      [],
    )
    .option(
      '--resolve <host:addr:port>',
      'map a hostname for the browser, as curl (repeatable)',
      collect,
      [],
    )
    .option('--ca <file>', 'a CA certificate (PEM) the browser trusts')
    .option('--credentials <file>', "the probe's credentials file (mode 0600)")
    .option('--dapp-url <url>', 'ad hoc target: the test dapp page')
    .option('--dapp-canister-id <id>', "ad hoc target: the test dapp's canister id")
    .option('--no-captcha', 'ad hoc target: registration asks for no captcha')
    .option('--location <name>', 'ad hoc target: where this probe runs', 'local');
}

export interface TargetFlags {
  config?: string;
  target?: string;
  canisterId?: string;
  network?: string;
  rootKey?: string;
  hostname: string[];
  resolve: string[];
  ca?: string;
  credentials?: string;
  dappUrl?: string;
  dappCanisterId?: string;
  captcha: boolean;
  location: string;
}

const NETWORKS: Record<string, string> = {
  ic: 'https://icp-api.io',
  local: 'http://127.0.0.1:4943',
};

export interface SelectedTarget {
  target: Target;
  config?: ProbesConfig;
}

export function selectTarget(flags: TargetFlags): SelectedTarget {
  if (flags.config) {
    if (!flags.target) throw new ProbeError('II_ERR_PROBE_USAGE', '--config needs --target NAME');
    const config = loadConfig(flags.config);
    const target = findTarget(config, flags.target);
    if (flags.credentials) target.credentials = flags.credentials;
    return { target, config };
  }
  if (!flags.canisterId || !flags.network)
    throw new ProbeError(
      'II_ERR_PROBE_USAGE',
      'give --config FILE --target NAME, or an ad hoc target with --canister-id and --network',
    );
  const target = targetFromFlags({
    name: 'adhoc',
    canisterId: flags.canisterId,
    network: NETWORKS[flags.network] ?? flags.network,
    rootKey: flags.rootKey,
    hostnames: flags.hostname.length ? flags.hostname : [...II_HOSTNAMES],
    dappUrl: flags.dappUrl ?? 'https://example.invalid',
    dappCanisterId: flags.dappCanisterId ?? 'aaaaa-aa',
    location: flags.location,
    resolve: flags.resolve,
    ca: flags.ca,
    credentials: flags.credentials,
    captcha: flags.captcha,
  });
  if (target.ca && !existsSync(target.ca))
    throw new ProbeError('II_ERR_PROBE_USAGE', `--ca ${target.ca} does not exist`);
  return { target };
}
