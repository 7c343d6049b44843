/**
 * `npm start`: localnet with Internet Identity and the test dapp, like a small production setup.
 *
 *   node --import tsx scripts/start.ts [--no-build]     (what `npm start` runs)
 *
 * Checks that its ports are free, builds the workspaces whose inputs changed (scripts/build.ts),
 * starts localnet (HTTP 4943, HTTPS 4944, state in .localnet), installs — or, when the state dir
 * already holds them, upgrades — Internet Identity at its mainnet id with the CAPTCHA ON and
 * `fetch_root_key = opt true`, and the test dapp at a fixed id; maps II's production hostnames to it.
 * stdout: one JSON line with every URL (for scripts); stderr: logs (see start-log.ts) and a short
 * human block. Runs in the foreground; SIGINT/SIGTERM stop it cleanly (state saved).
 *
 * Environment: see ENVIRONMENT below (also listed in the README).
 */
import { Principal } from '@dfinity/principal';
import {
  II_CANISTER_ID,
  PRODUCTION_HOSTNAMES,
  TEST_DAPP_CANISTER_ID,
  encodeInitArg,
  initArg,
} from '@ii/client';
import { type Localnet, startLocalnet } from '@ii/localnet';
import { encodeInitArg as encodeDappInitArg } from '@ii/test-dapp/candid';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStale } from './build.js';
import { ScriptError } from './errors.js';
import { parseLogFormat, startLogger } from './start-log.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Hostnames served as II: a local name on HTTP, the production names on the HTTPS listener. */
export const II_ALIASES = ['identity.localhost', ...PRODUCTION_HOSTNAMES];

const II_WASM = join(repo, 'canister', 'dist', 'internet_identity.wasm.gz');
const DAPP_WASM = join(repo, 'test-dapp', 'dist', 'test_dapp.wasm.gz');

/** What `npm start` reads from the environment, with its default. */
export const ENVIRONMENT = {
  LOCALNET_PORT: 'HTTP port of localnet and its gateway (4943; 0 = any free port)',
  LOCALNET_HTTPS_PORT: 'HTTPS port for the production hostnames (4944; 0 = any free port)',
  LOCALNET_STATE_DIR: 'where canisters, keys, the CA and logs are kept (.localnet)',
  LOG_FORMAT: 'stderr logs: pretty (default on a terminal) or json (default otherwise)',
} as const;

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ScriptError('II_ERR_SCRIPT_ENV', `${name} must be a port number, got ${raw}`);
  return n;
}

/** Fails with one line naming the variable to set when `port` cannot be listened on. */
async function assertPortFree(variable: keyof typeof ENVIRONMENT, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(new ScriptError('II_ERR_SCRIPT_PORT', portMessage(variable, port, e.code))),
    );
    probe.listen(port, LISTEN_HOST, () => probe.close(() => resolvePort()));
  });
}

function portMessage(variable: string, port: number, code: string | undefined): string {
  const why = code === 'EADDRINUSE' ? 'is in use' : `cannot be used (${code ?? 'error'})`;
  return `port ${port} ${why}: set ${variable} to a free port (0 picks any), e.g. ${variable}=${port + 10} npm start`;
}

const LISTEN_HOST = '127.0.0.1';

function readWasm(path: string): Uint8Array {
  if (!existsSync(path))
    throw new ScriptError(
      'II_ERR_SCRIPT_MISSING_BUILD',
      `${relative(repo, path)} is missing: run \`npm run build\``,
    );
  return new Uint8Array(readFileSync(path));
}

/** Production-like II on a development network: CAPTCHA on, the page fetches the root key. */
export function iiInitArg(): Uint8Array {
  return encodeInitArg(initArg('production', { fetchRootKey: true }));
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
      canisterId: TEST_DAPP_CANISTER_ID,
      url: `http://${TEST_DAPP_CANISTER_ID}.localhost:${net.port}/`,
      httpsUrl: https(`${TEST_DAPP_CANISTER_ID}.icp0.io`),
    },
  };
}

function humanBlock(u: Urls, httpsPort: number | undefined, logFile: string): string {
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
  lines.push('', `Logs: ${logFile}`, 'Ctrl-C stops it; state is kept in the state dir.', '');
  return lines.join('\n');
}

function usage(): string {
  const env = Object.entries(ENVIRONMENT)
    .map(([k, v]) => `  ${k.padEnd(20)} ${v}`)
    .join('\n');
  return `Usage: npm start            (node --import tsx scripts/start.ts [--no-build])

Builds what changed, starts localnet with Internet Identity and the test dapp, prints the URLs
(one JSON line on stdout) and runs until Ctrl-C.

  --no-build  start with what is built now

Environment:
${env}

Examples:
  npm start
  LOCALNET_PORT=5943 LOCALNET_HTTPS_PORT=5944 npm start
  LOG_FORMAT=json npm start 2>start.log
`;
}

async function main(args: string[]): Promise<void> {
  if (args.includes('--help')) {
    process.stdout.write(usage());
    return;
  }
  const unknown = args.find((a) => a !== '--no-build');
  if (unknown)
    throw new ScriptError('II_ERR_SCRIPT_OPTION', `unknown option ${unknown} (see --help)`);
  const port = envPort('LOCALNET_PORT', 4943);
  const httpsPort = envPort('LOCALNET_HTTPS_PORT', 4944);
  const stateDir = resolve(repo, process.env.LOCALNET_STATE_DIR || '.localnet');
  const format = parseLogFormat(process.env.LOG_FORMAT, process.stderr.isTTY === true);
  // Before any build: a busy port is known in milliseconds, not after half a minute of building.
  await assertPortFree('LOCALNET_PORT', port);
  await assertPortFree('LOCALNET_HTTPS_PORT', httpsPort);
  if (!args.includes('--no-build')) {
    const report = buildStale();
    process.stderr.write(
      `[build] ${report.built.length ? `built ${report.built.join(', ')}` : 'nothing changed'} (${report.seconds} s)\n`,
    );
  }
  // Read before starting anything, so a missing build fails fast and leaves no server behind.
  const iiWasm = readWasm(II_WASM);
  const dappWasm = readWasm(DAPP_WASM);

  const { log, file: logFile } = startLogger(stateDir, format);
  let net: Localnet;
  try {
    net = await startLocalnet({
      port,
      httpsPort,
      host: LISTEN_HOST,
      stateDir,
      logger: log,
      onCanisterLog: ({ canister, line }) => log.info({ canister }, line),
    });
  } catch (e) {
    // Taken between the check and now.
    const err = e as NodeJS.ErrnoException & { port?: number };
    if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
      const https = err.port === httpsPort && httpsPort !== port;
      throw new ScriptError(
        'II_ERR_SCRIPT_PORT',
        portMessage(https ? 'LOCALNET_HTTPS_PORT' : 'LOCALNET_PORT', err.port ?? port, err.code),
      );
    }
    throw e;
  }
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
    await deploy(
      'test dapp',
      TEST_DAPP_CANISTER_ID,
      dappWasm,
      encodeDappInitArg({ fetch_root_key: true }),
    );
    for (const host of II_ALIASES) net.setAlias(host, II_CANISTER_ID);
    await net.save();
  } catch (e) {
    process.stderr.write(`start: deploying failed: ${(e as Error)?.stack ?? String(e)}\n`);
    await stop('deploy failed', 1);
  }

  const caCert = net.caCertPem ? join(stateDir, 'ca.pem') : null;
  const urls = describeUrls(net, caCert);
  // The human block first: whoever waits for the stdout line finds it already written.
  process.stderr.write(humanBlock(urls, net.httpsPort, logFile));
  process.stdout.write(`${JSON.stringify(urls)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(
      `start: ${e instanceof ScriptError ? e.message : String((e as Error)?.stack ?? e)}\n`,
    );
    // A server opened before the failure must not keep the process alive.
    process.exit(1);
  });
}
