// The chaos-release suite: seeded bad releases (real fault builds of the canister), each sent
// through `canary`: the canary goes red with the right reason, production's module never changes,
// and the canary is rolled back. A good release passes canary and promote. A bad release forced
// past the canary is rolled back by itself, and anchors registered meanwhile survive.
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { II_CANISTER_ID, canisterInfo, createAgent, iiActor, network } from '@ii/client';
import { deviceFor } from '@ii/canister/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../src/ledger.js';
import { deploy } from './cli.js';
import {
  DIST_WASM,
  type ReleaseWorld,
  faultRelease,
  makeRelease,
  regzipped,
  startReleaseWorld,
} from './release-world.js';

let rw: ReleaseWorld;
beforeAll(async () => {
  rw = await startReleaseWorld();
});
afterAll(async () => rw?.stop());

const agent = () =>
  createAgent(network(rw.world.net.url, Buffer.from(rw.world.net.rootKey).toString('hex')));
const hashOf = async (id: string) => (await canisterInfo(await agent(), id)).moduleHash;
const V1 = () => makeRelease(rw.releasesDir, 'v1', DIST_WASM).wasmSha256;

async function expectCanaryRed(version: string, reason: RegExp) {
  const production = await hashOf(II_CANISTER_ID);
  const r = await deploy(['canary', '--config', rw.configPath, '--release', version, '--json']);
  expect(r.code, r.err).toBe(1);
  expect(r.err).toMatch(reason);
  expect(await hashOf(II_CANISTER_ID)).toBe(production);
  expect(await hashOf(rw.cloneId)).toBe(V1());
  const last = new Ledger(rw.ledgerPath)
    .entries()
    .filter((e) => e.action === 'canary')
    .at(-1);
  expect(last).toMatchObject({ verdict: 'red', version });
}

describe('bad releases stop at the canary', () => {
  it('the 2022 bug (the CSP forbids the API host the agent calls): red with csp, rolled back', async () => {
    faultRelease(rw.releasesDir, 'csp-api-host');
    await expectCanaryRed('bad-csp-api-host', /canary red \(csp: page on canary\..*rolled back/);
  });

  it('prepare_delegation traps: red, rolled back', async () => {
    faultRelease(rw.releasesDir, 'prepare-delegation-trap');
    await expectCanaryRed(
      'bad-prepare-delegation-trap',
      /canary red \((assertion|agent_error): (login|api) /,
    );
  });

  it('the page carries another canister id: red with canister_id_mismatch', async () => {
    faultRelease(rw.releasesDir, 'page-canister-id');
    await expectCanaryRed('bad-page-canister-id', /canary red \(canister_id_mismatch: /);
  });

  it('broken asset certification: red with certification', async () => {
    faultRelease(rw.releasesDir, 'asset-certification');
    await expectCanaryRed('bad-asset-certification', /canary red \(certification: /);
  });

  it('a record format the release cannot read: the upgrade traps, the IC keeps the old module, and the tool says so', async () => {
    faultRelease(rw.releasesDir, 'upgrade-trap');
    const r = await deploy(['canary', '--config', rw.configPath, '--release', 'bad-upgrade-trap']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`the IC kept module ${V1()}`);
    expect(await hashOf(rw.cloneId)).toBe(V1());
    expect(await hashOf(II_CANISTER_ID)).toBe(V1());
  });

  it('promote refuses a module without a green canary verdict, and changes nothing', async () => {
    const r = await deploy(['promote', '--config', rw.configPath, '--release', 'bad-csp-api-host']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/has no green canary verdict/);
    expect(await hashOf(II_CANISTER_ID)).toBe(V1());
  });
});

describe('a good release', () => {
  it('passes canary and promote with green probes; status maps both to the release', async () => {
    const v2 = makeRelease(rw.releasesDir, 'v2', regzipped(DIST_WASM, 6));
    const c = await deploy(['canary', '--config', rw.configPath, '--release', 'v2', '--json']);
    expect(c.code, c.err).toBe(0);
    expect(JSON.parse(c.out[0]!)).toMatchObject({ verdict: 'green', version: 'v2' });
    expect(await hashOf(rw.cloneId)).toBe(v2.wasmSha256);
    const status = await deploy(['status', '--config', rw.configPath, '--json']);
    expect(JSON.parse(status.out[0]!).differingSince).toEqual(expect.any(String));
    const p = await deploy(['promote', '--config', rw.configPath, '--release', 'v2', '--json']);
    expect(p.code, p.err).toBe(0);
    expect(await hashOf(II_CANISTER_ID)).toBe(v2.wasmSha256);
    const after = JSON.parse(
      (await deploy(['status', '--config', rw.configPath, '--json'])).out[0]!,
    );
    expect(after.targets.map((t: { release: string }) => t.release)).toEqual(['v2', 'v2']);
    expect(after.differingSince).toBeNull();
  });
});

describe('a bad release forced past the canary', () => {
  it('is rolled back by itself, and anchors registered during the bad window survive', async () => {
    const before = await hashOf(II_CANISTER_ID);
    const registered: bigint[] = [];
    let registering = true;
    const loop = (async () => {
      while (registering) {
        const id = Ed25519KeyIdentity.generate();
        const ii = iiActor(
          await createAgent(
            network(rw.world.net.url, Buffer.from(rw.world.net.rootKey).toString('hex')),
            { identity: id },
          ),
        );
        const res = await ii
          .register(deviceFor(id), { key: '', chars: '' }, [])
          .catch(() => undefined);
        if (res && 'registered' in res) registered.push(res.registered.user_number);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const r = await deploy([
      'promote',
      '--config',
      rw.configPath,
      '--release',
      'bad-csp-api-host',
      '--skip-canary',
      '--yes',
    ]);
    registering = false;
    await loop;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/production red \(csp: .*rolled back to v2 by upgrade/);
    expect(await hashOf(II_CANISTER_ID)).toBe(before);
    expect(registered.length).toBeGreaterThan(0);
    const ii = iiActor(await agent());
    for (const anchor of registered) expect((await ii.lookup(anchor)).length).toBe(1);
  });
});
