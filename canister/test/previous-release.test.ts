// Anchors written by the previous release, read by this one: the previous release's `add` stored
// metadata nested hundreds of levels deep, after which its own lookup and get_anchor_info trapped.
// After the upgrade, every read answers (deep metadata shown cut at the depth limit) and the owner
// can remove the bad device.
import { Actor, HttpAgent } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '@ii/localnet';
import { METADATA_MAX_DEPTH } from '../src/anchors/limits.js';
import { type InternetIdentityService, type MetadataMapT, idlFactory } from '../src/candid.js';
import { iiWasm } from './build-wasm.js';
import { releaseIdlFactory, releaseWasm } from './previous-release.js';
import { deviceFor, expectTrap, keyOf, memoBlsVerify, nestedMetadata } from './support.js';
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';

let net: Localnet;
beforeAll(async () => {
  net = await startLocalnet({ port: 0 });
});
afterAll(async () => net?.stop());

/** An actor for this build, or (`release`) one that speaks the previous release's interface. */
async function actor(identity?: Ed25519KeyIdentity, release = false) {
  const agent = await HttpAgent.create({
    host: net.url,
    identity,
    rootKey: net.rootKey,
    shouldFetchRootKey: false,
    retryTimes: 0,
  });
  return Actor.createActor<InternetIdentityService>(release ? releaseIdlFactory() : idlFactory, {
    agent,
    canisterId: II_CANISTER_ID,
    blsVerify: memoBlsVerify,
  });
}

function depthOf(metadata: [] | [MetadataMapT]): number {
  let depth = 0;
  for (let m = metadata[0]; m && m.length > 0; depth++) {
    const value = m[0][1];
    m = 'map' in value ? value.map : undefined;
  }
  return depth;
}

describe('an anchor the previous release made unreadable', () => {
  it('reads again after the upgrade, and its owner removes the bad device', async () => {
    await net.installCanister(releaseWasm(), {
      canisterId: II_CANISTER_ID,
      arg: encodeInitArg(initArg('test')),
    });
    const owner = Ed25519KeyIdentity.generate();
    const registered = await (
      await actor(owner, true)
    ).register(deviceFor(owner), { key: '', chars: '' }, []);
    if (!('registered' in registered)) throw new Error(JSON.stringify(registered));
    const anchor = registered.registered.user_number;
    const old = await actor(owner, true);
    const bad = Ed25519KeyIdentity.generate();
    // 100 levels: since localnet meters instructions (instrumented code uses more stack per frame),
    // the previous release's own argument decoding overflows its stack from ~150 levels, so the
    // 300 used before no longer got stored; 100 still breaks its replies.
    await old.add(anchor, deviceFor(bad, { metadata: [nestedMetadata(100)] }));
    // The defect, as the previous release has it.
    await expectTrap((await actor(undefined, true)).lookup(anchor), /./);
    await expectTrap(old.get_anchor_info(anchor), /./);
    const credentials = await old.get_anchor_credentials(anchor);
    const ii = await actor(owner);

    await net.installCanister(iiWasm(), {
      canisterId: II_CANISTER_ID,
      arg: encodeInitArg(null),
      mode: 'upgrade',
    });
    const looked = await (await actor()).lookup(anchor);
    expect(looked).toHaveLength(2);
    expect(depthOf(looked[1].metadata)).toBe(METADATA_MAX_DEPTH);
    const info = await ii.get_anchor_info(anchor);
    expect(info.devices.map((d) => Buffer.from(d.pubkey).toString('hex'))).toEqual([
      Buffer.from(keyOf(owner)).toString('hex'),
      Buffer.from(keyOf(bad)).toString('hex'),
    ]);
    expect(await ii.get_anchor_credentials(anchor)).toEqual(credentials);

    await ii.remove(anchor, keyOf(bad));
    expect((await ii.get_anchor_info(anchor)).devices).toHaveLength(1);
  });
});
