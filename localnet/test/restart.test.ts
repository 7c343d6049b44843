// A state dir keeps the whole localnet across stop() and a new start: keys, canisters, memory.
import { CanisterStatus, Certificate, lookupResultToBuffer } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import { fixtureWasm } from '../src/testing/fixtures.js';
import { fixtureInitArg } from './fixture-idl.test-support.js';
import { agentFor, fixtureFor, sha256hex } from './test-support.js';

describe('restart with a state dir', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'localnet-restart-'));
  let net: Localnet | undefined;
  afterAll(async () => {
    await net?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('keeps the root key, canisters, heap, stable memory, module hash and controllers', async () => {
    const owner = Ed25519KeyIdentity.generate();
    const wasm = fixtureWasm();
    net = await startLocalnet({ port: 0, stateDir });
    const rootKey = new Uint8Array(net.rootKey);
    const id = await net.installCanister(wasm, {
      arg: fixtureInitArg(42n),
      controllers: [owner.getPrincipal(), Principal.anonymous()],
    });
    const before = await fixtureFor(net, id);
    await before.put('persisted', 'yes');
    await before.inc();
    await before.inc();
    await before.setCertified(new Uint8Array([7, 7]));
    await net.stop();
    net = undefined;

    net = await startLocalnet({ port: 0, stateDir });
    expect(Buffer.from(net.rootKey).equals(Buffer.from(rootKey))).toBe(true);
    expect(net.replica.getCanister(id)).toBeDefined();
    // A fresh agent verifies certificates and query signatures with the same key.
    const after = await fixtureFor(net, id, { identity: owner });
    expect(await after.getInitArg()).toBe(42n);
    expect(await after.get()).toBe(2n);
    expect(await after.read('persisted')).toEqual(['yes']);
    expect(await after.hook('init')).toEqual([42n]);
    expect(await after.inc()).toBe(3n);
    const [certificate] = await after.certificate();
    const cert = await Certificate.create({ certificate: certificate!, rootKey, canisterId: id });
    expect([
      ...lookupResultToBuffer(cert.lookup_path(['canister', id.toUint8Array(), 'certified_data']))!,
    ]).toEqual([7, 7]);
    const status = await CanisterStatus.request({
      canisterId: id,
      agent: await agentFor(net),
      paths: ['module_hash', 'controllers'],
    });
    expect(status.get('module_hash')).toBe(sha256hex(wasm));
    expect((status.get('controllers') as Principal[]).map((p) => p.toText()).sort()).toEqual(
      [owner.getPrincipal().toText(), Principal.anonymous().toText()].sort(),
    );
    // New canisters do not reuse the id of an existing one.
    const second = await net.installCanister(wasm, { arg: fixtureInitArg(1n) });
    expect(second.toText()).not.toBe(id.toText());
    expect(await (await fixtureFor(net, second)).getInitArg()).toBe(1n);
  });
});
