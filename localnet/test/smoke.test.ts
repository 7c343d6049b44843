import { Actor, HttpAgent } from '@dfinity/agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Localnet, startLocalnet } from '../src/localnet.js';
import { fixtureWasm } from '../src/testing/fixtures.js';
import { type FixtureActor, fixtureIdl, fixtureInitArg } from './fixture-idl.test-support.js';

describe('smoke', () => {
  let net: Localnet;
  beforeAll(async () => {
    net = await startLocalnet({ port: 0 });
  });
  afterAll(async () => {
    await net.stop();
  });

  it('installs the fixture and calls it through @dfinity/agent', async () => {
    const id = await net.installCanister(fixtureWasm(), { arg: fixtureInitArg(7n) });
    const agent = await HttpAgent.create({
      host: net.url,
      shouldFetchRootKey: true,
      retryTimes: 0,
    });
    const actor = Actor.createActor<FixtureActor>(fixtureIdl, { agent, canisterId: id });
    expect(await actor.getInitArg()).toBe(7n);
    expect(await actor.inc()).toBe(1n);
    expect(await actor.inc()).toBe(2n);
    expect(await actor.get()).toBe(2n);
  });
});
