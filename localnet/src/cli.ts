import { Command, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { type Localnet, startLocalnet } from './localnet.js';
import { startSignalWatchdog } from './signal-watchdog.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number (0-65535)');
  return n;
}

function alias(value: string, previous: Record<string, string>): Record<string, string> {
  const [host, id] = value.split('=');
  if (!host || !id) throw new InvalidArgumentError('expected HOST=CANISTER_ID');
  return { ...previous, [host.toLowerCase()]: id };
}

/** The JSON line printed once localnet listens: everything a client needs to connect. */
export function describeLocalnet(net: Localnet, caCertPath?: string): Record<string, unknown> {
  return {
    event: 'ready',
    url: net.url,
    httpsUrl: net.httpsUrl ?? null,
    rootKey: hex(net.rootKey),
    caCert: caCertPath ?? null,
    aliases: net.aliases,
    canisters: [...net.replica.canisters.values()].map((c) => ({
      id: c.idText,
      moduleHash: c.module ? hex(c.module.hash) : null,
      controllers: c.controllers.map((p) => p.toText()),
    })),
  };
}

interface StartFlags {
  port: number;
  httpsPort?: number;
  host: string;
  stateDir?: string;
  alias: Record<string, string>;
  logRequests: boolean;
}

async function start(flags: StartFlags): Promise<void> {
  // stdout carries exactly one JSON line (the ready line) for scripts; logs are JSON lines on stderr.
  const log = pino({ base: { service: 'localnet' } }, pino.destination(2));
  const net = await startLocalnet({
    port: flags.port,
    httpsPort: flags.httpsPort,
    host: flags.host,
    stateDir: flags.stateDir,
    aliases: flags.alias,
    logger: flags.logRequests ? log : undefined,
    onCanisterLog: ({ canister, line }) => log.info({ canister }, line),
  });
  let caCertPath: string | undefined;
  if (net.caCertPem) {
    caCertPath = join(
      flags.stateDir ?? process.cwd(),
      flags.stateDir ? 'ca.pem' : '.localnet-ca.pem',
    );
    if (!flags.stateDir) writeFileSync(caCertPath, net.caCertPem);
  }
  process.stdout.write(`${JSON.stringify(describeLocalnet(net, caCertPath))}\n`);
  stopOnSignals(net, log);
}

/**
 * SIGINT and SIGTERM stop localnet and save the state dir. A message running when the signal
 * comes is stopped and rolled back (signal-watchdog.ts) rather than waited for.
 */
export function stopOnSignals(net: Localnet, log: Logger): void {
  const watchdog = startSignalWatchdog(['SIGINT', 'SIGTERM']);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const abandoned = watchdog.interrupted;
    log.info({ signal, abandoned }, 'stopping');
    await net.stop({ abandoned });
    await watchdog.close();
    log.info('stopped');
    // The terminated message's timers and callbacks would keep the event loop alive.
    if (abandoned) process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** Builds the command line; exported so tests can parse without starting anything. */
export function program(): Command {
  const cli = new Command('localnet')
    .description(
      'A local Internet Computer in one Node process: real canister wasm, the IC HTTP interface, an HTTP gateway',
    )
    .showHelpAfterError();
  cli
    .command('start')
    .description(
      'run localnet in the foreground; prints one JSON line with its URLs, root key and canisters',
    )
    .option('-p, --port <port>', 'HTTP port (0 = any free port)', port, 4943)
    .option('--https-port <port>', 'also serve HTTPS (production hostnames) on this port', port)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--state-dir <dir>', 'keep canisters, root key and CA here across restarts')
    .option('--alias <host=canisterId>', 'serve a hostname as a canister (repeatable)', alias, {})
    .option('--no-log-requests', 'do not log every HTTP request')
    .action((flags: StartFlags) => start(flags));
  return cli;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv, { from: 'user' });
  } catch (error) {
    process.stderr.write(`localnet: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
