/**
 * The fuzz harness: localnet in a child process (so a message that never ends shows as a call
 * that gets no answer, not as a frozen test), Internet Identity installed through the management
 * canister over HTTP, anchors to attack, and batches of hostile inputs from every kind of caller
 * through the real HTTP interface with signed envelopes. After each batch it checks:
 *   - localnet answers;
 *   - every control anchor reads back byte-identical (lookup, get_anchor_credentials,
 *     get_anchor_info) and the fuzzed anchor is still readable;
 *   - `stats` counts exactly the registrations that succeeded;
 *   - nothing succeeded that must not: a malformed input, or an authenticated method called by
 *     someone who does not own the anchor;
 *   - no call ran into the per-message instruction limit (localnet meters as the IC does, so an
 *     input that makes the canister loop shows as IC0522 rather than as a call without answer).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Identity, HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { managementActor } from '@ii/localnet';
import * as C from '../../src/candid.js';
import { type RawResult, rawQuery, rawUpdate } from '../raw-call.js';
import { deviceFor, keyOf, recoveryPhraseFor } from '../support.js';
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';
import {
  CATEGORIES,
  type Category,
  type FuzzTargets,
  type HostileInput,
  METHODS,
  type MethodName,
  Rng,
  type Service,
  generate,
} from './hostile-args.js';

export const CALLER_KINDS = [
  'anonymous',
  'stranger',
  'owner',
  'other-anchor',
  'tentative',
] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

/** Methods that act for an anchor: only a device of that anchor may call them successfully. */
const AUTHENTICATED: ReadonlySet<MethodName> = new Set([
  'add',
  'update',
  'replace',
  'remove',
  'get_anchor_info',
  'enter_device_registration_mode',
  'exit_device_registration_mode',
  'verify_tentative_device',
  'prepare_delegation',
  'identity_info',
  'identity_metadata_replace',
  'authn_method_add',
  'authn_method_replace',
  'authn_method_metadata_replace',
  'authn_method_security_settings_replace',
  'authn_method_remove',
  'authn_method_registration_mode_enter',
  'authn_method_registration_mode_exit',
  'authn_method_confirm',
  'prepare_id_alias',
  'get_id_alias',
]);

/**
 * Whether a reply is a success: for a method whose result is `variant { Ok; Err }` (the v2 API),
 * only `Ok` is; an `Err` is a refusal, like a trap.
 */
function succeeded(func: IDL.FuncClass, reply: Uint8Array): boolean {
  const [ret] = func.retTypes;
  if (func.retTypes.length !== 1 || !(ret instanceof IDL.VariantClass)) return true;
  if (!ret._fields.some(([k]) => k === 'Ok')) return true;
  const decoded = safeDecode(func.retTypes, reply) as [Record<string, unknown>] | undefined;
  return decoded !== undefined && 'Ok' in decoded[0];
}

export interface FuzzOptions {
  /** The gzipped or raw wasm to attack. */
  wasm: Uint8Array;
  seed: number;
  inputsPerMethod: number;
  batchSize?: number;
  /** A call without an answer after this long counts as a canister (or localnet) held. */
  callTimeoutMs?: number;
  methods?: readonly MethodName[];
  categories?: readonly Category[];
  /** Who calls (default: every kind, picked at random per input). */
  callers?: readonly CallerKind[];
  /** The interface inputs are encoded with (default: this build's, src/candid.ts). */
  service?: Service;
  /** Stop at the first batch with findings (for runs that only need to show one). */
  stopAtFirstFinding?: boolean;
  /** Stop at the first batch with a finding of this kind. */
  stopAt?: FindingKind;
  log?: (line: string) => void;
}

export type FindingKind =
  | 'no-answer'
  | 'instruction-limit'
  | 'localnet-down'
  | 'unreadable-anchor'
  | 'changed-anchor'
  | 'unexpected-success'
  | 'stats-mismatch';

export interface Finding {
  kind: FindingKind;
  detail: string;
  input?: { method: MethodName; category: Category; caller: CallerKind; bytes: string };
}

export interface FuzzReport {
  calls: number;
  replied: number;
  rejected: number;
  /** Replies that are an `Err` (counted in `replied` too). */
  refused: number;
  findings: Finding[];
  seconds: number;
  perCategory: Record<string, number>;
}

interface Child {
  process: ChildProcess;
  url: string;
  rootKey: Uint8Array;
}

const LOCALNET_PROCESS = fileURLToPath(new URL('./localnet-process.ts', import.meta.url));

async function startChild(): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=development',
      '--import',
      'tsx',
      LOCALNET_PROCESS,
      'start',
      '--port',
      '0',
      '--no-log-requests',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const ready = JSON.parse(out.slice(0, nl)) as { url: string; rootKey: string };
      resolve({
        process: child,
        url: ready.url,
        rootKey: new Uint8Array(Buffer.from(ready.rootKey, 'hex')),
      });
    });
    child.once('exit', (code) =>
      reject(new Error(`localnet exited (${code}) before ready:\n${stderr}`)),
    );
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const sameBytes = (a: RawResult, b: RawResult) =>
  a.status === 'replied' && b.status === 'replied' && hex(a.reply) === hex(b.reply);

/** Runs the fuzz campaign against `options.wasm`; never throws for what it finds. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.callTimeoutMs ?? 15_000;
  const child = await startChild();
  const report: FuzzReport = {
    calls: 0,
    replied: 0,
    rejected: 0,
    refused: 0,
    findings: [],
    seconds: 0,
    perCategory: {},
  };
  try {
    const agentFor = (identity?: Identity) =>
      HttpAgent.create({
        host: child.url,
        identity,
        rootKey: child.rootKey,
        shouldFetchRootKey: false,
        retryTimes: 0,
      });
    const canisterId = Principal.fromText(II_CANISTER_ID);
    const mgmt = managementActor(await agentFor());
    await mgmt.provisional_create_canister_with_cycles({
      amount: [],
      settings: [],
      specified_id: [canisterId],
      sender_canister_version: [],
    });
    await mgmt.install_code({
      mode: { install: null },
      canister_id: canisterId,
      wasm_module: options.wasm,
      arg: encodeInitArg(initArg('test')),
      sender_canister_version: [],
    });

    const service: Service = options.service ?? C.serviceMethods;
    const func = (method: MethodName) => {
      const f = service[method];
      if (!f) throw new Error(`the interface has no method ${method}`);
      return f;
    };
    const call = async (identity: Identity | undefined, method: MethodName, bytes: Uint8Array) => {
      const agent = await agentFor(identity);
      const query = func(method).annotations.includes('query');
      return (query ? rawQuery : rawUpdate)(agent, canisterId, method, bytes);
    };
    const callTyped = async (
      identity: Identity | undefined,
      method: MethodName,
      args: unknown[],
    ) => {
      const r = await call(
        identity,
        method,
        new Uint8Array(IDL.encode(func(method).argTypes, args)),
      );
      if (r.status !== 'replied') throw new Error(`setup ${method} failed: ${r.message}`);
      return IDL.decode(func(method).retTypes, r.reply);
    };
    const register = async (identity: Ed25519KeyIdentity) => {
      const [res] = (await callTyped(identity, 'register', [
        deviceFor(identity),
        { key: '', chars: '' },
        [],
      ])) as [C.RegisterResponseT];
      if (!('registered' in res)) throw new Error(`setup register: ${JSON.stringify(res)}`);
      return res.registered.user_number;
    };

    // The anchors: controls nobody fuzzes as owner, the fuzzed one, and another anchor's device.
    const controls: Array<{ anchor: bigint; owner: Ed25519KeyIdentity }> = [];
    const keys: Uint8Array[] = [];
    for (let i = 0; i < 3; i++) {
      const owner = Ed25519KeyIdentity.generate();
      const anchor = await register(owner);
      const second = Ed25519KeyIdentity.generate();
      const phrase = Ed25519KeyIdentity.generate();
      await callTyped(owner, 'add', [
        anchor,
        deviceFor(second, { metadata: [[['note', { string: `control ${i}` }]]] }),
      ]);
      await callTyped(owner, 'add', [
        anchor,
        recoveryPhraseFor(phrase, i === 0 ? 'protected' : 'unprotected'),
      ]);
      controls.push({ anchor, owner });
      keys.push(keyOf(owner), keyOf(second), keyOf(phrase));
    }
    const owner = Ed25519KeyIdentity.generate();
    const fuzzed = await register(owner);
    const otherOwner = Ed25519KeyIdentity.generate();
    await register(otherOwner);
    const tentative = Ed25519KeyIdentity.generate();
    await callTyped(owner, 'enter_device_registration_mode', [fuzzed]);
    await callTyped(tentative, 'add_tentative_device', [fuzzed, deviceFor(tentative)]);
    keys.push(keyOf(owner), keyOf(tentative));

    const callers: Record<CallerKind, () => Identity | undefined> = {
      anonymous: () => undefined,
      stranger: () => Ed25519KeyIdentity.generate(),
      owner: () => owner,
      'other-anchor': () => otherOwner,
      tentative: () => tentative,
    };
    const targets: FuzzTargets = { anchors: [fuzzed, ...controls.map((c) => c.anchor)], keys };

    const readAll = async () => {
      const reads: RawResult[] = [];
      for (const c of [...controls, { anchor: fuzzed, owner }]) {
        const arg = new Uint8Array(IDL.encode([C.UserNumber], [c.anchor]));
        reads.push(await call(undefined, 'lookup', arg));
        reads.push(await call(undefined, 'get_anchor_credentials', arg));
        reads.push(await call(c.owner, 'get_anchor_info', arg));
      }
      return reads;
    };
    const statsRegistered = async () => {
      const [stats] = (await callTyped(undefined, 'stats', [])) as unknown as [
        C.InternetIdentityStatsT,
      ];
      return stats.users_registered;
    };
    const baseline = await readAll();
    let expectedRegistered = await statsRegistered();

    const rng = new Rng(options.seed);
    const methods = options.methods ?? METHODS;
    const categories = options.categories ?? CATEGORIES;
    const plan: Array<{ input: HostileInput; caller: CallerKind }> = [];
    // Methods interleaved, so that each batch exercises all of them.
    for (let i = 0; i < options.inputsPerMethod; i++) {
      for (const method of methods) {
        const category = categories[(i + methods.indexOf(method)) % categories.length]!;
        plan.push({
          input: generate(method, category, rng, targets, service),
          caller: rng.pick(options.callers ?? CALLER_KINDS),
        });
      }
    }
    const batchSize = options.batchSize ?? 50;
    for (let b = 0; b < plan.length; b += batchSize) {
      const batch = plan.slice(b, b + batchSize);
      const results = await Promise.all(
        batch.map(async ({ input, caller }) => {
          const r = await withTimeout(
            call(callers[caller](), input.method, input.bytes),
            timeoutMs,
          ).catch((e: unknown) => ({
            status: 'rejected' as const,
            code: 0,
            message: `transport: ${(e as Error).message}`,
          }));
          return { input, caller, r };
        }),
      );
      for (const { input, caller, r } of results) {
        report.calls++;
        report.perCategory[input.category] = (report.perCategory[input.category] ?? 0) + 1;
        const where = {
          method: input.method,
          category: input.category,
          caller,
          bytes: hex(input.bytes.subarray(0, 64)),
        };
        if (r === 'timeout') {
          report.findings.push({
            kind: 'no-answer',
            detail: `no answer within ${timeoutMs} ms`,
            input: where,
          });
          continue;
        }
        if (r.status === 'rejected') {
          report.rejected++;
          if (/IC0522|exceeded the limit of \d+ instructions/.test(r.message)) {
            report.findings.push({
              kind: 'instruction-limit',
              detail: 'the call used up a whole message of instructions',
              input: where,
            });
          }
          continue;
        }
        report.replied++;
        if (!succeeded(func(input.method), r.reply)) {
          report.refused++;
          continue;
        }
        if (input.mustFail) {
          report.findings.push({
            kind: 'unexpected-success',
            detail: 'a malformed input was accepted',
            input: where,
          });
        }
        const ownsAnchor = caller === 'owner' && input.anchor === fuzzed;
        if (AUTHENTICATED.has(input.method) && input.anchor !== undefined && !ownsAnchor) {
          report.findings.push({
            kind: 'unexpected-success',
            detail: `${caller} succeeded on anchor ${input.anchor}`,
            input: where,
          });
        }
        if (input.method === 'register') {
          const decoded = safeDecode(func('register').retTypes, r.reply) as
            [C.RegisterResponseT] | undefined;
          if (decoded && 'registered' in decoded[0]) expectedRegistered++;
        }
        // A reply that got here is an Ok: one more identity.
        if (input.method === 'identity_register') expectedRegistered++;
      }
      // The checks after each batch.
      const alive = await withTimeout(
        fetch(`${child.url}/api/v2/status`).then((res) => res.ok),
        timeoutMs,
      ).catch(() => false);
      if (alive !== true) {
        report.findings.push({
          kind: 'localnet-down',
          detail: 'localnet did not answer /api/v2/status',
        });
        break;
      }
      const reads = await withTimeout(readAll(), timeoutMs * 3).catch(() => 'timeout' as const);
      if (reads === 'timeout') {
        report.findings.push({
          kind: 'no-answer',
          detail: 'the anchors could not be read back in time',
        });
        break;
      }
      const ownerKey = hex(keyOf(owner));
      for (let i = 0; i < reads.length; i++) {
        const isFuzzed = i >= controls.length * 3;
        const read = reads[i]!;
        // The fuzzed anchor's owner may have removed or replaced its own device: then it can no
        // longer read get_anchor_info, and that is no defect.
        const lookup = reads[controls.length * 3]!;
        const ownerGone =
          lookup.status === 'replied' &&
          !(
            safeDecode(func('lookup').retTypes, lookup.reply)?.[0] as C.DeviceDataT[] | undefined
          )?.some((d) => hex(d.pubkey) === ownerKey);
        if (isFuzzed && i % 3 === 2 && ownerGone) continue;
        if (read.status !== 'replied') {
          report.findings.push({
            kind: 'unreadable-anchor',
            detail: `${isFuzzed ? 'the fuzzed' : 'a control'} anchor: ${['lookup', 'get_anchor_credentials', 'get_anchor_info'][i % 3]} rejected: ${read.message.slice(0, 200)}`,
          });
        } else if (!isFuzzed && !sameBytes(read, baseline[i]!)) {
          report.findings.push({
            kind: 'changed-anchor',
            detail: `control anchor read ${i} changed`,
          });
        }
      }
      const registered = await statsRegistered().catch(() => undefined);
      if (registered !== expectedRegistered) {
        report.findings.push({
          kind: 'stats-mismatch',
          detail: `stats says ${registered} anchors, ${expectedRegistered} were registered`,
        });
        if (registered !== undefined) expectedRegistered = registered;
      }
      log(`[fuzz] ${report.calls}/${plan.length} calls, ${report.findings.length} findings`);
      if (options.stopAtFirstFinding && report.findings.length > 0) break;
      if (options.stopAt && report.findings.some((f) => f.kind === options.stopAt)) break;
    }
  } finally {
    child.process.kill('SIGKILL');
    report.seconds = Math.round((performance.now() - started) / 100) / 10;
  }
  return report;
}

function safeDecode(types: IDL.Type[], bytes: Uint8Array): unknown[] | undefined {
  try {
    return IDL.decode(types, bytes);
  } catch {
    return undefined;
  }
}
