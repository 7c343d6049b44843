/**
 * Upgrade soak: many anchors (three devices each: a passkey with metadata, a second key with an
 * AAGUID, a recovery phrase, protected on every fifth anchor; identity metadata on every third),
 * then upgrade cycles of the real wasm onto itself and, given the previous release's wasm,
 * alternating downgrade/upgrade. After every cycle: every anchor's `lookup` reply the same as
 * before the first cycle, `get_anchor_info` of a rotating sample (aliases included), and a sample
 * of principals. Replies are compared decoded, with this build's types: under the previous release
 * the fields it does not know (the AAGUID) are left out of the comparison. In each previous-release
 * cycle the release rewrites the sample's anchors (an update with unchanged data); in the next
 * cycle of this build, those anchors still have their AAGUID and identity metadata.
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

/**
 * A decoded reply as comparable text; `known` leaves out what the previous release does not know
 * (fields added since, which it neither shows nor loses).
 */
function canonical(value: unknown, known: 'this build' | 'previous release'): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (known === 'previous release' && key === 'aaguid') return undefined;
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Uint8Array) return hex(v);
    if (v && typeof v === 'object' && '_isPrincipal' in v) return (v as Principal).toText();
    return v;
  });
}

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
    const decoded = (method: keyof typeof C.serviceMethods, reply: Uint8Array) =>
      IDL.decode(C.serviceMethods[method].retTypes, reply)[0];

    const t0 = performance.now();
    const anchors: bigint[] = [];
    const laptops = new Map<bigint, C.DeviceDataT>();
    const identityMetadata = new Map<bigint, unknown>();
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
      const laptop = deviceFor(Ed25519KeyIdentity.generate(), {
        alias: `laptop ${i}`,
        credential_id: [new Uint8Array(64).fill(i % 251)],
        aaguid: [new Uint8Array(16).fill(i % 256)],
        key_type: { platform: null },
        metadata: [
          [
            ['note', { string: `anchor ${i}` }],
            ['n', { bytes: new Uint8Array([i & 255]) }],
          ],
        ],
      });
      laptops.set(anchor, laptop);
      await update(sender, 'add', [anchor, laptop]);
      if (i % 3 === 0) {
        const metadata = [['soak', { String: `anchor ${i}` }]];
        await update(sender, 'identity_metadata_replace', [anchor, metadata]);
        identityMetadata.set(anchor, metadata);
      }
      await update(sender, 'add', [
        anchor,
        recoveryPhraseFor(Ed25519KeyIdentity.generate(), i % 5 === 0 ? 'protected' : 'unprotected'),
      ]);
      anchors.push(anchor);
      devices += 3;
      if ((i + 1) % 1000 === 0) log(`[soak] ${i + 1} anchors`);
    }
    const fillSeconds = (performance.now() - t0) / 1000;

    const lookups = anchors.map((a) => decoded('lookup', query('lookup', [a])));
    const sampled = (cycle: number) =>
      Array.from(
        { length: Math.min(sample, anchors.length) },
        (_, k) => anchors[(cycle * sample + k * 7919) % anchors.length]!,
      );
    const infoOf = async (a: bigint) =>
      decoded('get_anchor_info', await update(sender, 'get_anchor_info', [a]));
    const principalOf = (a: bigint, origin: string) => hex(query('get_principal', [a, origin]));
    const infos = new Map<bigint, unknown>();
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
      const known = down ? 'previous release' : 'this build';
      const same = (a: unknown, b: unknown) => canonical(a, known) === canonical(b, known);
      for (let k = 0; k < anchors.length; k++) {
        if (!same(decoded('lookup', query('lookup', [anchors[k]!])), lookups[k]))
          report.mismatches.push(`cycle ${cycle}: lookup of anchor ${anchors[k]} changed`);
      }
      for (const a of sampled(cycle)) {
        if (!same(await infoOf(a), infos.get(a)))
          report.mismatches.push(`cycle ${cycle}: get_anchor_info of anchor ${a} changed`);
      }
      if (down) {
        // The previous release rewrites these records (it keeps what it does not know).
        for (const a of sampled(cycle))
          await update(sender, 'update', [a, laptops.get(a)!.pubkey, laptops.get(a)!]);
      } else if (cycle > 1) {
        // What the previous release rewrote last cycle still has this build's fields.
        for (const a of sampled(cycle - 1)) {
          const expected = identityMetadata.get(a);
          if (expected === undefined) continue;
          const [info] = IDL.decode(
            C.serviceMethods.identity_info.retTypes,
            await update(sender, 'identity_info', [a]),
          ) as [{ Ok?: { metadata: unknown } }];
          if (!info.Ok || !same(info.Ok.metadata, expected))
            report.mismatches.push(`cycle ${cycle}: identity metadata of anchor ${a} changed`);
        }
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
