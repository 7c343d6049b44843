/**
 * Upgrade soak: many anchors (three devices each: a passkey with metadata, a second key, a
 * recovery phrase, protected on every fifth anchor), then upgrade cycles of the real wasm onto
 * itself and, given the previous release's wasm, alternating downgrade/upgrade. After every cycle:
 * every anchor's `lookup` reply byte-identical to before the first cycle, `get_anchor_info` of a
 * rotating sample (aliases included), and a sample of principals.
 *
 * Calls go straight into localnet's replica (no HTTP, no client crypto): the figures are the
 * canister's own cost plus localnet's execution overhead.
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { startLocalnet } from '@ii/localnet';
import * as C from '../src/candid.js';
import { deviceFor, recoveryPhraseFor } from './support.js';
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';

export interface SoakOptions {
  wasm: Uint8Array;
  anchors: number;
  cycles: number;
  /** With it, cycles alternate: downgrade to it, upgrade back to `wasm`. */
  previousRelease?: Uint8Array;
  /** Anchors whose get_anchor_info and principals are checked per cycle. */
  sample?: number;
  log?: (line: string) => void;
}

export interface SoakCycle {
  cycle: number;
  to: 'this build' | 'previous release';
  upgradeMs: number;
  checkMs: number;
}

export interface SoakReport {
  anchors: number;
  devices: number;
  fillSeconds: number;
  cycles: SoakCycle[];
  /** Every check that found a difference (empty when the soak passes). */
  mismatches: string[];
  stableBytes: number;
}

const ORIGINS = ['https://dapp.example', 'https://abc.icp0.io'];
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const sample = options.sample ?? 200;
  const net = await startLocalnet({ port: 0 });
  try {
    const init = initArg('test', {
      overrides: { register_rate_limit: [{ time_per_token_ns: 1n, max_tokens: 10_000_000n }] },
    });
    const id = await net.installCanister(options.wasm, {
      canisterId: II_CANISTER_ID,
      arg: encodeInitArg(init),
    });
    const replica = net.replica;
    const update = async (
      sender: Principal,
      method: keyof typeof C.serviceMethods,
      args: unknown[],
    ) => {
      const f = C.serviceMethods[method];
      const r = await replica.call(
        sender,
        id,
        method,
        new Uint8Array(IDL.encode(f.argTypes, args)),
      );
      if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
      return r.data;
    };
    // One owner key on every anchor, so in-process calls can act for any of them.
    const owner = Ed25519KeyIdentity.generate();
    const sender = owner.getPrincipal();
    const query = (method: keyof typeof C.serviceMethods, args: unknown[]) => {
      const f = C.serviceMethods[method];
      const r = replica.query(id, method, new Uint8Array(IDL.encode(f.argTypes, args)), sender);
      if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
      return r.data;
    };

    const t0 = performance.now();
    const anchors: bigint[] = [];
    let devices = 0;
    for (let i = 0; i < options.anchors; i++) {
      const reply = await update(sender, 'register', [
        deviceFor(owner),
        { key: '', chars: '' },
        [],
      ]);
      const [res] = IDL.decode(C.serviceMethods.register.retTypes, reply) as unknown as [
        C.RegisterResponseT,
      ];
      if (!('registered' in res)) throw new Error(`register: ${JSON.stringify(res)}`);
      const anchor = res.registered.user_number;
      await update(sender, 'add', [
        anchor,
        deviceFor(Ed25519KeyIdentity.generate(), {
          alias: `laptop ${i}`,
          credential_id: [new Uint8Array(64).fill(i % 251)],
          key_type: { platform: null },
          metadata: [
            [
              ['note', { string: `anchor ${i}` }],
              ['n', { bytes: new Uint8Array([i & 255]) }],
            ],
          ],
        }),
      ]);
      await update(sender, 'add', [
        anchor,
        recoveryPhraseFor(Ed25519KeyIdentity.generate(), i % 5 === 0 ? 'protected' : 'unprotected'),
      ]);
      anchors.push(anchor);
      devices += 3;
      if ((i + 1) % 1000 === 0) log(`[soak] ${i + 1} anchors`);
    }
    const fillSeconds = (performance.now() - t0) / 1000;

    const lookups = anchors.map((a) => hex(query('lookup', [a])));
    const sampled = (cycle: number) =>
      Array.from(
        { length: Math.min(sample, anchors.length) },
        (_, k) => anchors[(cycle * sample + k * 7919) % anchors.length]!,
      );
    const infoOf = async (a: bigint) => hex(await update(sender, 'get_anchor_info', [a]));
    const principalOf = (a: bigint, origin: string) => hex(query('get_principal', [a, origin]));
    const infos = new Map<bigint, string>();
    for (const a of anchors) if (infos.size < anchors.length) infos.set(a, await infoOf(a));
    const principals = new Map<string, string>();
    for (const a of sampled(0))
      for (const o of ORIGINS) principals.set(`${a} ${o}`, principalOf(a, o));

    const report: SoakReport = {
      anchors: anchors.length,
      devices,
      fillSeconds,
      cycles: [],
      mismatches: [],
      stableBytes: 0,
    };
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const down = options.previousRelease !== undefined && cycle % 2 === 1;
      const wasm = down ? options.previousRelease! : options.wasm;
      const u0 = performance.now();
      await net.installCanister(wasm, {
        canisterId: id,
        arg: encodeInitArg(null),
        mode: 'upgrade',
      });
      const upgradeMs = performance.now() - u0;
      const c0 = performance.now();
      for (let k = 0; k < anchors.length; k++) {
        if (hex(query('lookup', [anchors[k]!])) !== lookups[k])
          report.mismatches.push(`cycle ${cycle}: lookup of anchor ${anchors[k]} changed`);
      }
      for (const a of sampled(cycle)) {
        if ((await infoOf(a)) !== infos.get(a))
          report.mismatches.push(`cycle ${cycle}: get_anchor_info of anchor ${a} changed`);
      }
      for (const [key, principal] of principals) {
        const [a, o] = key.split(' ');
        if (principalOf(BigInt(a!), o!) !== principal)
          report.mismatches.push(`cycle ${cycle}: the principal of anchor ${a} for ${o} changed`);
      }
      const checkMs = performance.now() - c0;
      report.cycles.push({
        cycle,
        to: down ? 'previous release' : 'this build',
        upgradeMs,
        checkMs,
      });
      log(
        `[soak] cycle ${cycle} (${down ? 'downgrade' : 'upgrade'}): ${upgradeMs.toFixed(0)} ms, checked in ${checkMs.toFixed(0)} ms`,
      );
    }
    report.stableBytes =
      Number(replica.getCanister(id)!.module!.runtime.stable.storedPages) * 65_536;
    return report;
  } finally {
    await net.stop();
  }
}
