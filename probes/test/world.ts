/**
 * A deployment to probe, on localnet: Internet Identity at its production id (and optionally a
 * clone at another id) with the real frontend, served over HTTPS on the production hostnames
 * through localnet's CA, and the test dapp on its icp0.io hostname. Returns a probes config file
 * describing it, as an operator would write one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_HOSTS,
  II_CANISTER_ID,
  LOCAL_CANARY_HOSTNAME,
  PRODUCTION_HOSTNAMES,
  encodeInitArg,
  initArg,
} from '@ii/client';
import { type Localnet, startLocalnet } from '@ii/localnet';
import { encodeInitArg as encodeDappInit } from '@ii/test-dapp/candid';
import { stringify } from 'yaml';

const repo = new URL('../..', import.meta.url);
export const II_WASM = new URL('canister/dist/internet_identity.wasm.gz', repo);
const DAPP_WASM = new URL('test-dapp/dist/test_dapp.wasm.gz', repo);
export const CLONE_HOSTNAME = LOCAL_CANARY_HOSTNAME;

export interface World {
  net: Localnet;
  dir: string;
  configPath: string;
  dappId: string;
  cloneId?: string;
  /** Writes the config again (after a change to `targets`). */
  writeConfig(): void;
  targets: Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface WorldOptions {
  /** II's wasm at the production id (default: the real build). */
  wasm?: Uint8Array;
  clone?: boolean;
  captcha?: boolean;
  /** Flows each target runs by default. */
  flows?: string[];
  intervals?: Record<string, number>;
  /** Fixed ports and a state dir, so localnet can be stopped and started again at the same place. */
  port?: number;
  httpsPort?: number;
  stateDir?: string;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'ii-probes-'));
  const net = await startLocalnet({
    port: options.port ?? 0,
    httpsPort: options.httpsPort ?? 0,
    stateDir: options.stateDir,
  });
  const init = encodeInitArg(
    initArg(options.captcha ? 'production' : 'test', { fetchRootKey: true }),
  );
  await net.installCanister(options.wasm ?? new Uint8Array(readFileSync(II_WASM)), {
    canisterId: II_CANISTER_ID,
    arg: init,
  });
  for (const h of PRODUCTION_HOSTNAMES) net.setAlias(h, II_CANISTER_ID);
  const dappId = (
    await net.installCanister(new Uint8Array(readFileSync(DAPP_WASM)), {
      arg: encodeDappInit({ fetch_root_key: true }),
    })
  ).toText();
  let cloneId: string | undefined;
  if (options.clone) {
    cloneId = (
      await net.installCanister(new Uint8Array(readFileSync(II_WASM)), {
        arg: encodeInitArg(initArg('canary', { fetchRootKey: true })),
      })
    ).toText();
    net.setAlias(CLONE_HOSTNAME, cloneId);
  }
  writeFileSync(join(dir, 'ca.pem'), net.caCertPem!);
  const https = `127.0.0.1:${net.httpsPort}`;
  const dappHost = `${dappId}.icp0.io`;
  const base = {
    network: net.url,
    rootKey: Buffer.from(net.rootKey).toString('hex'),
    dappUrl: `https://${dappHost}`,
    dappCanisterId: dappId,
    ca: 'ca.pem',
    captcha: options.captcha ?? false,
    ...(options.flows ? { flows: options.flows } : {}),
    ...(options.intervals ? { intervals: options.intervals } : {}),
    timeoutSeconds: 60,
  };
  const resolve = (hosts: string[]) =>
    [...hosts, dappHost, ...API_HOSTS].map((h) => `${h}:${https.replace(':', ':')}`);
  const targets: Record<string, unknown>[] = [
    {
      name: 'production',
      canisterId: II_CANISTER_ID,
      hostnames: [...PRODUCTION_HOSTNAMES],
      resolve: resolve([...PRODUCTION_HOSTNAMES]),
      credentials: 'production.credentials.json',
      ...base,
    },
  ];
  if (cloneId)
    targets.push({
      name: 'canary',
      canisterId: cloneId,
      hostnames: [CLONE_HOSTNAME],
      resolve: resolve([CLONE_HOSTNAME]),
      credentials: 'canary.credentials.json',
      ...base,
      captcha: false,
    });
  const configPath = join(dir, 'probes.yaml');
  const writeConfig = () =>
    writeFileSync(configPath, stringify({ targets, artifacts: 'artifacts', keepArtifacts: 3 }));
  writeConfig();
  return {
    net,
    dir,
    configPath,
    dappId,
    cloneId,
    targets,
    writeConfig,
    stop: async () => {
      await net.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
