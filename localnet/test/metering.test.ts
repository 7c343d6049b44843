// Instruction limits end to end: an unmodified @dfinity/agent against localnet running small
// hand-assembled canisters that burn a known number of instructions.
import { Actor, type HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import { canisterIdFromIndex } from '../src/replica/ids.js';
import { type TinyFunc, op, tinyWasm, withStart } from '../src/wasm/test-support.js';
import { EMPTY_ARG, agentFor } from './test-support.js';

/** Imports every module here uses: 0 msg_reply_data_append, 1 msg_reply. */
const IMPORTS = [
  { name: 'msg_reply_data_append', params: ['i32', 'i32'], results: [] },
  { name: 'msg_reply', params: [], results: [] },
] as Parameters<typeof tinyWasm>[0];
/** Function index of the first function in `funcs` (after the imports). */
const F0 = IMPORTS.length;

/** Writes the Candid encoding of `()` at address 0 and replies with it. */
const REPLY_EMPTY = [
  ...[...EMPTY_ARG].flatMap((b, i) => [...op.i32(i), ...op.i32(b), ...op.i32Store8(0)]),
  ...op.i32(0),
  ...op.i32(EMPTY_ARG.length),
  ...op.call(0),
  ...op.call(1),
];
const fill = (bytes: number): number[] => [
  ...op.i32(0),
  ...op.i32(0),
  ...op.i32(bytes),
  0xfc,
  0x0b,
  0x00,
];
const SPIN = [0x03, 0x40, 0x0c, 0x00, 0x0b]; // loop br 0 end

/**
 * memory.fill of 64 KiB, `times` times (global 0 counts down): 65,649 instructions a round, so
 * 91,400 rounds are 6.0 B instructions, over the 5 B a query may use and under an update's 40 B.
 */
const burn = (times: number): number[] => [
  ...op.i32(times),
  ...op.globalSet,
  0x03,
  0x40,
  ...fill(65_536),
  ...op.globalGet,
  ...op.i32(1),
  0x6b, // i32.sub
  ...op.globalSet,
  ...op.globalGet,
  0x0d,
  0x00, // br_if 0
  0x0b,
];
const BURN_ROUNDS = 91_400;
const BURN_INSTRUCTIONS = 6_000_000_000n;

const module = (funcs: TinyFunc[]): Uint8Array => tinyWasm(IMPORTS, funcs);

const burner = module([
  { body: burn(BURN_ROUNDS) },
  { export: 'canister_query burn', body: [...op.call(F0), ...REPLY_EMPTY] },
  { export: 'canister_update burn_update', body: [...op.call(F0), ...REPLY_EMPTY] },
  { export: 'canister_update spin', body: SPIN },
  { export: 'canister_query ping', body: REPLY_EMPTY },
]);

const rejectOf = async (p: Promise<unknown>): Promise<Record<string, unknown>> => {
  try {
    await p;
  } catch (e) {
    return (e as { cause: { code: Record<string, unknown> } }).cause.code;
  }
  throw new Error('expected a reject');
};

describe('instruction limits', () => {
  let net: Localnet;
  let agent: HttpAgent;
  let id: Principal;
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    net = await startLocalnet({
      port: 0,
      // Real limits except for updates, so an endless update stops after 0.1 B instructions.
      instructionLimits: { update: 100_000_000n },
      logger: captureLogger(logs),
    });
    agent = await agentFor(net);
    id = await net.installCanister(burner);
  });
  afterAll(async () => {
    await net.stop();
  });

  it('an endless update stops at the limit with reject code 5 and IC0522; localnet keeps answering', async () => {
    const actor = Actor.createActor(
      () => IDL.Service({ spin: IDL.Func([], []), ping: IDL.Func([], [], ['query']) }),
      { agent, canisterId: id },
    );
    const t0 = performance.now();
    const code = await rejectOf(actor.spin());
    expect(code).toMatchObject({
      rejectCode: 5,
      rejectErrorCode: 'IC0522',
      rejectMessage: expect.stringContaining(
        `Error from Canister ${id.toText()}: Canister exceeded the limit of 100000000 instructions for single message execution.`,
      ),
    });
    expect(performance.now() - t0).toBeLessThan(30_000);
    await expect(actor.ping()).resolves.toBeUndefined();
    const status = await fetch(`${net.url}/api/v2/status`);
    expect(status.status).toBe(200);
  });

  it('a query over 5 B instructions fails; the same code as an update (limit 40 B) replies', async () => {
    const limits = await startLocalnet({ port: 0 }); // the IC's limits
    try {
      const a = await agentFor(limits);
      const c = await limits.installCanister(burner);
      const query = await a.query(c, { methodName: 'burn', arg: EMPTY_ARG });
      expect(query).toMatchObject({
        status: 'rejected',
        reject_code: 5,
        error_code: 'IC0522',
        reject_message: expect.stringContaining(
          'Canister exceeded the limit of 5000000000 instructions for single message execution.',
        ),
      });
      const actor = Actor.createActor(() => IDL.Service({ burn_update: IDL.Func([], []) }), {
        agent: a,
        canisterId: c,
      });
      await expect(actor.burn_update()).resolves.toBeUndefined();
      // The update counted what it burned: 91,400 rounds of 65,649 instructions, and the rest.
      const direct = await limits.replica.call(Principal.anonymous(), c, 'burn_update', EMPTY_ARG);
      expect(direct.kind).toBe('reply');
      expect(direct.instructions).toBeGreaterThan(6_000_000_000n);
      expect(direct.instructions).toBeLessThan(6_001_000_000n);
      const text = await (await fetch(`${limits.url}/_/metrics`)).text();
      // Both updates (the actor's and the direct call) are in the histogram.
      expect(metric(text, 'localnet_message_instructions_count', c, 'burn_update', 'update')).toBe(
        2,
      );
      const sum = metric(text, 'localnet_message_instructions_sum', c, 'burn_update', 'update');
      expect(sum).toBeGreaterThan(2 * Number(BURN_INSTRUCTIONS));
      expect(sum).toBeLessThan(2 * Number(BURN_INSTRUCTIONS) * 1.001);
      expect(metric(text, 'localnet_instruction_limit_exceeded_total', c, 'burn', 'query')).toBe(1);
    } finally {
      await limits.stop();
    }
  });

  it("the request log's line of each call and query carries its instructions; /_/metrics counts them", async () => {
    const actor = Actor.createActor(
      () => IDL.Service({ ping: IDL.Func([], [], ['query']), spin: IDL.Func([], []) }),
      { agent, canisterId: id },
    );
    logs.length = 0;
    await actor.ping();
    await rejectOf(actor.spin());
    const completed = logs.filter((l) => l.msg === 'request completed' && 'instructions' in l);
    expect(completed).toEqual([
      expect.objectContaining({
        canister: id.toText(),
        method: 'ping',
        instructions: expect.any(Number),
      }),
      expect.objectContaining({ canister: id.toText(), method: 'spin', instructions: 100_000_000 }),
    ]);
    const text = await (await fetch(`${net.url}/_/metrics`)).text();
    expect(metric(text, 'localnet_message_instructions_count', id, 'spin', 'update')).toBe(2);
    expect(metric(text, 'localnet_instruction_limit_exceeded_total', id, 'spin', 'update')).toBe(2);
  });
});

describe('install_code over the instruction limit', () => {
  // pre_upgrade and post_upgrade each fill 60,000 bytes: ~60,100 instructions apiece.
  const v1 = module([
    { export: 'canister_query v1', body: REPLY_EMPTY },
    { export: 'canister_pre_upgrade', body: fill(60_000) },
  ]);
  const v2 = module([
    { export: 'canister_query v2', body: REPLY_EMPTY },
    { export: 'canister_post_upgrade', body: fill(60_000) },
  ]);
  const endlessInit = module([{ export: 'canister_init', body: SPIN }]);

  it('pre_upgrade and post_upgrade share one limit; over it the old module stays', async () => {
    const net = await startLocalnet({ port: 0, instructionLimits: { install: 100_000n } });
    try {
      const id = await net.installCanister(v1);
      const hash = net.replica.getCanister(id)!.module!.hash;
      await expect(net.installCanister(v2, { canisterId: id, mode: 'upgrade' })).rejects.toThrow(
        'Canister exceeded the limit of 100000 instructions for single message execution.',
      );
      const canister = net.replica.getCanister(id)!;
      expect(canister.module!.hash).toEqual(hash);
      expect(net.replica.query(id, 'v1', EMPTY_ARG, Principal.anonymous())).toMatchObject({
        kind: 'reply',
      });
      // A new canister whose canister_init never ends stays empty.
      const fresh = canisterIdFromIndex(50n);
      await expect(net.installCanister(endlessInit, { canisterId: fresh })).rejects.toThrow(
        /exceeded the limit of 100000 instructions/,
      );
      expect(net.replica.getCanister(fresh)!.module).toBeUndefined();
      // Likewise a module whose wasm start function never ends (it runs within install_code).
      const endlessStart = withStart(module([{ body: SPIN }]), F0);
      await expect(net.installCanister(endlessStart, { canisterId: fresh })).rejects.toThrow(
        /exceeded the limit of 100000 instructions for single message execution/,
      );
      expect(net.replica.getCanister(fresh)!.module).toBeUndefined();
    } finally {
      await net.stop();
    }
    // With room for both hooks the same upgrade goes through.
    const roomy = await startLocalnet({ port: 0, instructionLimits: { install: 200_000n } });
    try {
      const id = await roomy.installCanister(v1);
      await roomy.installCanister(v2, { canisterId: id, mode: 'upgrade' });
      expect(roomy.replica.query(id, 'v2', EMPTY_ARG, Principal.anonymous())).toMatchObject({
        kind: 'reply',
      });
    } finally {
      await roomy.stop();
    }
  });
});

/** Reads one sample of a Prometheus text exposition. */
function metric(text: string, name: string, canister: Principal, method: string, kind: string) {
  const labels = `canister="${canister.toText()}",method="${method}",kind="${kind}"`;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  if (!line) throw new Error(`no ${name}{${labels}} in\n${text}`);
  return Number(line.split(' ').pop());
}

/** A pino logger that keeps every JSON line it writes in `lines`. */
function captureLogger(lines: Record<string, unknown>[]) {
  return pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
}
