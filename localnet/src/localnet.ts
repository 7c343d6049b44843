import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Certifier } from './certification/index.js';
import { LocalnetError } from './errors.js';
import { type CallOutcome, type GatewayBackend, gatewayPlugin } from './http/gateway/index.js';
import { buildApiApp } from './http/app.js';
import { LocalnetMetrics } from './metrics.js';
import { loadState, saveState, loadOrCreateSeed } from './persistence.js';
import { managementMethods } from './replica/management-idl.js';
import type { CallResult } from './replica/reject.js';
import { Replica } from './replica/replica.js';
import { CertifiedState } from './replica/certified-state.js';
import { type CertificateAuthority, loadOrCreateCa } from './tls/index.js';
import type { InstructionLimits } from './wasm/index.js';

export interface LocalnetOptions {
  /** HTTP port; 0 picks a free one. @default 4943 */
  port?: number;
  /** HTTPS port for production hostnames (identity.ic0.app, icp-api.io, …); 0 picks a free one; undefined = no HTTPS. */
  httpsPort?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Keeps canisters, the root key and the CA across restarts; undefined = ephemeral. */
  stateDir?: string;
  /** Hostname → canister id, e.g. `{ 'identity.localhost': 'rdmx6-jaaaa-aaaaa-aaadq-cai' }`. */
  aliases?: Record<string, string>;
  /** A pino logger: one JSON line per HTTP request. @default silent */
  logger?: FastifyBaseLogger;
  /** Called with every canister debug_print line and trap. */
  onCanisterLog?: (entry: { canister: string; line: string }) => void;
  /** How often (ms) a state dir is written while running. @default 5000 */
  saveIntervalMs?: number;
  /**
   * Instruction limits per message (tests lower them to reach a limit quickly).
   * @default the IC's: { update: 40e9, query: 5e9, install: 300e9 } (as bigints)
   */
  instructionLimits?: Partial<InstructionLimits>;
  /** Snapshots a canister may keep (tests lower it). @default 10, the IC's */
  maxSnapshotsPerCanister?: number;
}

export interface InstallOptions {
  /** Create the canister at this id (provisional API, like `--specified-id`). */
  canisterId?: string | Principal;
  /** The init (or post_upgrade) argument, Candid-encoded. */
  arg?: Uint8Array;
  /** @default [anonymous] so that any local agent may manage it */
  controllers?: Principal[];
  /** @default 'install' (or 'upgrade' / 'reinstall' for an existing canister) */
  mode?: 'install' | 'reinstall' | 'upgrade';
}

export interface Localnet {
  /** e.g. http://127.0.0.1:4943 */
  readonly url: string;
  /** e.g. https://127.0.0.1:4944 when HTTPS is on */
  readonly httpsUrl?: string;
  readonly port: number;
  readonly httpsPort?: number;
  /** DER of the BLS root key; give it to agents (`agent.rootKey` or `fetchRootKey()`). */
  readonly rootKey: Uint8Array;
  /** PEM of the CA that signs the HTTPS certificates (when HTTPS is on). */
  readonly caCertPem?: string;
  readonly replica: Replica;
  readonly aliases: Record<string, string>;
  /** Instructions per canister message, also served as Prometheus text at GET /_/metrics. */
  readonly metrics: LocalnetMetrics;
  /** Creates (or reuses) a canister and installs wasm (raw or gzipped) into it. */
  installCanister(wasm: Uint8Array, options?: InstallOptions): Promise<Principal>;
  /** Moves canister time (ic0.time) forward; the certified `time` stays on the wall clock. */
  advanceTime(ms: number): Promise<void>;
  /** Serves `hostname` as the canister `canisterId` through the gateway. */
  setAlias(hostname: string, canisterId: string | Principal): void;
  /** Writes the state dir now (no-op without one). */
  save(): Promise<void>;
  /**
   * Stops the replica, waits for queued messages, saves the state dir and closes the servers.
   * `{ abandoned: true }` after a running message was terminated (see signal-watchdog.ts): that
   * message is rolled back and not waited for, open connections are closed.
   */
  stop(options?: { abandoned?: boolean }): Promise<void>;
}

const toOutcome = (r: CallResult): CallOutcome =>
  r.kind === 'reply' ? { reply: r.data } : { reject: { code: r.code, message: r.message } };

/** Starts a local Internet Computer: replica, /api endpoints and the HTTP gateway on one port. */
export async function startLocalnet(options: LocalnetOptions = {}): Promise<Localnet> {
  const host = options.host ?? '127.0.0.1';
  if (options.stateDir) mkdirSync(options.stateDir, { recursive: true });
  const seed = options.stateDir
    ? loadOrCreateSeed(options.stateDir)
    : new Uint8Array(randomBytes(32));
  const metrics = new LocalnetMetrics();
  const replica = new Replica(new CertifiedState(Certifier.fromSeed(seed)), {
    onLog: options.onCanisterLog,
    onExecution: (record) => metrics.record(record),
    instructionLimits: options.instructionLimits,
    maxSnapshotsPerCanister: options.maxSnapshotsPerCanister,
  });
  if (options.stateDir) await loadState(replica, options.stateDir);
  replica.start();

  const aliases: Record<string, string> = { ...(options.aliases ?? {}) };
  const backend: GatewayBackend = {
    query: async (id, method, arg) =>
      toOutcome(replica.query(id, method, arg, Principal.anonymous())),
    update: async (id, method, arg) =>
      toOutcome(await replica.call(Principal.anonymous(), id, method, arg)),
    canisterExists: (id) => replica.getCanister(id) !== undefined,
    rootKeyDer: replica.state.rootKeyDer,
    now: () => BigInt(Date.now()) * 1_000_000n,
  };
  const extra = async (app: FastifyInstance) => {
    // Registered before the gateway's catch-all, on every hostname: a canister's own
    // /_/metrics page is not reachable through localnet's gateway.
    app.get('/_/metrics', async (_request, reply) =>
      reply.type(metrics.contentType).send(await metrics.text()),
    );
    await app.register(gatewayPlugin, { backend, aliases });
  };
  const app = await buildApiApp({ replica, logger: options.logger, extra });
  await app.listen({ port: options.port ?? 4943, host });
  const port = (app.server.address() as AddressInfo).port;

  let ca: CertificateAuthority | undefined;
  let https: HttpsServer | undefined;
  let httpsPort: number | undefined;
  if (options.httpsPort !== undefined) {
    ca = await loadOrCreateCa(options.stateDir);
    // Same routes as HTTP: the Fastify app handles requests from both servers.
    https = createHttpsServer(ca.sniOptions(), (req, res) => app.server.emit('request', req, res));
    await new Promise<void>((resolve, reject) => {
      https!.once('error', reject);
      https!.listen(options.httpsPort, host, () => resolve());
    });
    httpsPort = (https.address() as AddressInfo).port;
  }

  const save = async () => {
    if (options.stateDir) await saveState(replica, options.stateDir, seed);
  };
  let saveTimer: NodeJS.Timeout | undefined;
  if (options.stateDir) {
    saveTimer = setInterval(
      () => void save().catch(() => undefined),
      options.saveIntervalMs ?? 5000,
    );
    saveTimer.unref();
  }

  const installCanister = async (
    wasm: Uint8Array,
    install: InstallOptions = {},
  ): Promise<Principal> => {
    const controllers = install.controllers ?? [Principal.anonymous()];
    const admin = controllers[0] ?? Principal.anonymous();
    let id = install.canisterId === undefined ? undefined : Principal.from(install.canisterId);
    if (!id || !replica.getCanister(id)) {
      const created = await management(replica, admin, 'provisional_create_canister_with_cycles', {
        amount: [],
        settings: [
          {
            controllers: [controllers],
            compute_allocation: [],
            memory_allocation: [],
            freezing_threshold: [],
            reserved_cycles_limit: [],
            log_visibility: [],
            wasm_memory_limit: [],
            wasm_memory_threshold: [],
          },
        ],
        specified_id: id ? [id] : [],
        sender_canister_version: [],
      });
      id = (created as { canister_id: Principal }).canister_id;
    }
    const existing = replica.getCanister(id)!;
    const mode = install.mode ?? (existing.module ? 'upgrade' : 'install');
    await management(replica, admin, 'install_code', {
      mode: mode === 'upgrade' ? { upgrade: [] } : { [mode]: null },
      canister_id: id,
      wasm_module: wasm,
      arg: install.arg ?? new Uint8Array(IDL.encode([], [])),
      sender_canister_version: [],
    });
    return id;
  };

  return {
    url: `http://${host}:${port}`,
    httpsUrl: httpsPort !== undefined ? `https://${host}:${httpsPort}` : undefined,
    port,
    httpsPort,
    rootKey: replica.state.rootKeyDer,
    caCertPem: ca?.certPem,
    replica,
    aliases,
    metrics,
    installCanister,
    advanceTime: async (ms: number) => {
      replica.clock.advance(BigInt(Math.round(ms * 1e6)));
      replica.scheduleTimers();
      await replica.idle();
    },
    setAlias: (hostname, canisterId) => {
      aliases[hostname.toLowerCase()] = Principal.from(canisterId).toText();
    },
    save,
    stop: async ({ abandoned = false } = {}) => {
      if (saveTimer) clearInterval(saveTimer);
      replica.stop();
      if (abandoned) {
        // The terminated message never finishes: put its canister back to its committed state.
        for (const c of replica.canisters.values()) c.module?.runtime.abandonMessage();
        if (options.stateDir) await saveState(replica, options.stateDir, seed, { wait: false });
      } else {
        await replica.idle();
        await save();
      }
      // Every message has finished (or was abandoned) and the state is saved: what is still open is
      // a client's connection, which Fastify's close would otherwise wait for (an agent that gave
      // up on a request kept one open, and a test's stop hung for a minute).
      https?.closeAllConnections();
      app.server.closeAllConnections();
      if (https) await new Promise<void>((resolve) => https!.close(() => resolve()));
      await app.close();
    },
  };
}

/** Calls the management canister through the message queue, failing loudly on a reject. */
async function management(
  replica: Replica,
  caller: Principal,
  method: keyof typeof managementMethods,
  arg: unknown,
): Promise<unknown> {
  const func = managementMethods[method];
  const result = await replica.call(
    caller,
    Principal.managementCanister(),
    method,
    new Uint8Array(IDL.encode(func.argTypes, [arg])),
  );
  if (result.kind === 'reject')
    throw new LocalnetError('II_ERR_INSTALL_REJECTED', `${method} failed: ${result.message}`);
  return IDL.decode(func.retTypes, result.data)[0];
}
