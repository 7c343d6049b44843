// @ii/client against localnet and the real Internet Identity wasm: a chunked install of the raw
// (over 2 MiB) module, an upgrade, what read_state certifies, the actor, and /metrics.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Principal } from '@dfinity/principal';
import { startLocalnet, type Localnet } from '@ii/localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  II_CANISTER_ID,
  SINGLE_MESSAGE_LIMIT,
  canisterInfo,
  certifiedTime,
  createAgent,
  encodeInitArg,
  fetchMetrics,
  iiActor,
  initArg,
  installWasm,
  management,
  metric,
  network,
} from '../src/index.js';

const WASM_GZ = new URL('../../canister/dist/internet_identity.wasm.gz', import.meta.url);
let net: Localnet;

beforeAll(async () => {
  net = await startLocalnet({ port: 0 });
});
afterAll(async () => net?.stop());

describe('@ii/client on localnet', () => {
  it('installs the raw module in chunks, upgrades it, and reads what the IC certifies', async () => {
    const target = network(net.url, Buffer.from(net.rootKey).toString('hex'));
    const agent = await createAgent(target, { retryTimes: 0 });
    const gz = new Uint8Array(readFileSync(WASM_GZ));
    const raw = new Uint8Array(gunzipSync(gz));
    expect(raw.length).toBeGreaterThan(SINGLE_MESSAGE_LIMIT);

    await management(agent).provisionalCreateCanisterWithCycles({
      canisterId: Principal.fromText(II_CANISTER_ID),
    });
    const chunks: number[] = [];
    await installWasm(agent, {
      canisterId: II_CANISTER_ID,
      wasm: raw,
      arg: encodeInitArg(initArg('test')),
      mode: 'install',
      onChunk: (n) => chunks.push(n),
    });
    expect(chunks.length).toBeGreaterThan(2);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const info = await canisterInfo(agent, II_CANISTER_ID);
    expect(info.moduleHash).toBe(sha(raw));
    expect(info.controllers).toEqual([Principal.anonymous().toText()]);

    const stats = await iiActor(agent).stats();
    expect(stats.users_registered).toBe(0n);

    await installWasm(agent, {
      canisterId: II_CANISTER_ID,
      wasm: gz,
      arg: encodeInitArg(null),
      mode: 'upgrade',
    });
    expect((await canisterInfo(agent, II_CANISTER_ID)).moduleHash).toBe(sha(gz));

    const time = await certifiedTime(agent, II_CANISTER_ID);
    expect(Math.abs(time.getTime() - Date.now())).toBeLessThan(60_000);

    const samples = await fetchMetrics(target, II_CANISTER_ID);
    expect(metric(samples, 'internet_identity_user_count')).toBe(0);
  });
});
