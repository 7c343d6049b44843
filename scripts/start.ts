/**
 * `npm start`: localnet with Internet Identity and the test dapp, like a small production setup.
 *
 *   node --import tsx scripts/start.ts      (npm start builds every workspace first)
 *
 * Starts localnet (HTTP 4943, HTTPS 4944, state in .localnet), installs — or, when the state dir
 * already holds them, upgrades — Internet Identity at its mainnet id with the CAPTCHA ON and
 * `fetch_root_key = opt true`, and the test dapp at a fixed id; maps II's production hostnames to it.
 * stdout: one JSON line with every URL (for scripts); stderr: JSON logs and a short human block.
 * Runs in the foreground; SIGINT/SIGTERM stop it cleanly (state saved).
 *
 * Env overrides (tests, a second instance): LOCALNET_PORT, LOCALNET_HTTPS_PORT (0 = any free
 * port), LOCALNET_STATE_DIR.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { initArgTypes, type InternetIdentityInitT } from '@ii/canister/candid';
import { type Localnet, startLocalnet } from '@ii/localnet';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { encodeInitArg } from '../test-dapp/canister/src/candid.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

export const II_CANISTER_ID = 'rdmx6-jaaaa-aaaaa-aaadq-cai';
export const DAPP_CANISTER_ID = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
/** Hostnames served as II: a local name on HTTP, the production names on the HTTPS listener. */
export const II_ALIASES = [
  'identity.localhost',
  'identity.ic0.app',
  'identity.internetcomputer.org',
];

const II_WASM = join(repo, 'canister', 'dist', 'internet_identity.wasm.gz');
const DAPP_WASM = join(repo, 'test-dapp', 'dist', 'test_dapp.wasm.gz');

class StartError extends Error {
  override readonly name = 'StartError';
}

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new StartError(`${name} must be a port number, got ${raw}`);
  return n;
}

function readWasm(path: string): Uint8Array {
  if (!existsSync(path))
    throw new StartError(`${relative(repo, path)} is missing: run \`npm run build --workspaces\``);
  return new Uint8Array(readFileSync(path));
}

/** Production-like II on a development network: CAPTCHA on, the page fetches the root key. */
export function iiInitArg(): Uint8Array {
  const init: InternetIdentityInitT = {
    assigned_user_number_range: [],
    archive_config: [],
    canister_creation_cycles_cost: [],
    register_rate_limit: [],
    max_inflight_captchas: [],
    captcha_config: [
      { max_unsolved_captchas: 500n, captcha_trigger: { Static: { CaptchaEnabled: null } } },
    ],
    fetch_root_key: [true],
  };
  return new Uint8Array(IDL.encode(initArgTypes, [[init]]));
}

export interface Urls {
  event: 'ready';
  url: string;
  httpsUrl: string | null;
  rootKey: string;
  caCert: string | null;
  ii: { canisterId: string; url: string; aliasUrl: string; httpsUrls: string[] };
  dapp: { canisterId: string; url: string; httpsUrl: string | null };
}

/** Everything a person or a script needs to reach the deployment. */
export function describeUrls(net: Localnet, caCert: string | null): Urls {
  const httpsPort = net.httpsPort;
  const https = (host: string) =>
    httpsPort === undefined ? null : `https://${host}:${httpsPort}/`;
  return {
    event: 'ready',
    url: net.url,
    httpsUrl: net.httpsUrl ?? null,
    rootKey: Buffer.from(net.rootKey).toString('hex'),
    caCert,
    ii: {
      canisterId: II_CANISTER_ID,
      url: `http://${II_CANISTER_ID}.localhost:${net.port}/`,
      aliasUrl: `http://identity.localhost:${net.port}/`,
      httpsUrls: II_ALIASES.filter((h) => !h.endsWith('.localhost'))
        .map(https)
        .filter((u): u is string => u !== null),
    },
    dapp: {
      canisterId: DAPP_CANISTER_ID,
      url: `http://${DAPP_CANISTER_ID}.localhost:${net.port}/`,
      httpsUrl: https(`${DAPP_CANISTER_ID}.icp0.io`),
    },
  };
}

function humanBlock(u: Urls, httpsPort: number | undefined): string {
  const lines = [
    '',
    `Open ${u.dapp.url} and log in.`,
    '',
    `  Internet Identity  ${u.ii.url}  (also ${u.ii.aliasUrl})`,
    `  test dapp          ${u.dapp.url}`,
  ];
  if (httpsPort !== undefined) {
    lines.push(
      `  over HTTPS         ${[...u.ii.httpsUrls, u.dapp.httpsUrl].join('  ')}`,
      `                     (map those hosts to 127.0.0.1:${httpsPort}, trust the CA ${u.caCert})`,
    );
  }
  lines.push('', 'Ctrl-C stops it; state is kept in the state dir.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const port = envPort('LOCALNET_PORT', 4943);
  const httpsPort = envPort('LOCALNET_HTTPS_PORT', 4944);
  const stateDir = resolve(repo, process.env.LOCALNET_STATE_DIR || '.localnet');
  // Read before starting anything, so a missing build fails fast and leaves no server behind.
  const iiWasm = readWasm(II_WASM);
  const dappWasm = readWasm(DAPP_WASM);

  // Synchronous, so log lines and the human block reach stderr in order (and none is lost on exit).
  const log = pino({ base: { service: 'start' } }, pino.destination({ dest: 2, sync: true }));
  const net = await startLocalnet({
    port,
    httpsPort,
    stateDir,
    logger: log,
    onCanisterLog: ({ canister, line }) => log.info({ canister }, line),
  });
  let stopping: Promise<void> | undefined;
  const stop = (reason: string, exitCode = 0): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'stopping');
      await net.stop();
      log.info('stopped');
      // State is saved and the servers are closed; idle keep-alive sockets need not hold us up.
      process.exit(exitCode);
    })();
    return stopping;
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    const installed = (id: string) =>
      net.replica.getCanister(Principal.fromText(id))?.module !== undefined;
    const deploy = async (name: string, id: string, wasm: Uint8Array, arg: Uint8Array) => {
      const mode = installed(id) ? 'upgrade' : 'install';
      // Controllers stay the anonymous principal (localnet's default): any local agent may manage
      // both canisters, e.g. tests calling the dapp's set_alternative_origins.
      await net.installCanister(wasm, { canisterId: id, arg, mode });
      log.info({ canister: id, mode }, `${name} ${mode === 'install' ? 'installed' : 'upgraded'}`);
    };
    await deploy('Internet Identity', II_CANISTER_ID, iiWasm, iiInitArg());
    await deploy('test dapp', DAPP_CANISTER_ID, dappWasm, encodeInitArg({ fetch_root_key: true }));
    for (const host of II_ALIASES) net.setAlias(host, II_CANISTER_ID);
    await net.save();
  } catch (e) {
    process.stderr.write(`start: deploying failed: ${(e as Error)?.stack ?? String(e)}\n`);
    await stop('deploy failed', 1);
  }

  const caCert = net.caCertPem ? join(stateDir, 'ca.pem') : null;
  const urls = describeUrls(net, caCert);
  // The human block first: whoever waits for the stdout line finds it already written.
  process.stderr.write(humanBlock(urls, net.httpsPort));
  process.stdout.write(`${JSON.stringify(urls)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(
      `start: ${e instanceof StartError ? e.message : String((e as Error)?.stack ?? e)}\n`,
    );
    process.exitCode = 1;
  });
}
