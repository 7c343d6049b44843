// Seeded breakages, each a real fault build of the canister (or a state of the deployment): each
// must turn the right probe red with the right reason.
import { Principal } from '@dfinity/principal';
import { faultWasm } from '@ii/canister/build-tools';
import { II_CANISTER_ID, createAgent, management, network } from '@ii/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../src/result.js';
import { probe } from './cli.js';
import { type World, startWorld } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

async function run(flow: string, hostname?: string): Promise<ProbeResult> {
  const args = [
    'run',
    '--config',
    world!.configPath,
    '--target',
    'production',
    '--flow',
    flow,
    '--json',
  ];
  if (hostname) args.push('--hostname', hostname);
  const r = await probe(args);
  const results = r.out.map((l) => JSON.parse(l) as ProbeResult);
  expect(results.length, r.err).toBeGreaterThan(0);
  return results[0]!;
}

async function enrolled(options: Parameters<typeof startWorld>[0]): Promise<void> {
  world = await startWorld(options);
  const r = await probe(['enroll', '--config', world.configPath, '--target', 'production']);
  expect(r.code, r.err).toBe(0);
}

describe('seeded breakages', () => {
  it('the 2022 bug: the CSP forbids the API host the agent calls on identity.ic0.app → page: csp', async () => {
    await enrolled({ wasm: faultWasm('csp-api-host') });
    const r = await run('page', 'identity.ic0.app');
    expect(r).toMatchObject({ success: false, reason: 'csp' });
    expect(r.detail).toMatch(/connect-src.*https:\/\/ic0\.app/);
    expect(r.artifacts.some((a) => a.endsWith('trace.zip'))).toBe(true);
  });

  it('prepare_delegation traps → api: agent_error, login: assertion', async () => {
    await enrolled({ wasm: faultWasm('prepare-delegation-trap') });
    expect(await run('api')).toMatchObject({ success: false, reason: 'agent_error' });
    const login = await run('login', 'identity.ic0.app');
    expect(login.success).toBe(false);
    expect(['assertion', 'console_error']).toContain(login.reason);
  });

  it('the page is told another canister id → page: canister_id_mismatch', async () => {
    await enrolled({ wasm: faultWasm('page-canister-id') });
    expect(await run('page', 'identity.ic0.app')).toMatchObject({
      success: false,
      reason: 'canister_id_mismatch',
    });
  });

  it('broken asset certification → page: certification', async () => {
    await enrolled({ wasm: faultWasm('asset-certification') });
    expect(await run('page', 'identity.internetcomputer.org')).toMatchObject({
      success: false,
      reason: 'certification',
    });
  });

  it('the canister stopped → page: http_status, api: agent_error', async () => {
    await enrolled({});
    const agent = await createAgent(
      network(world!.net.url, Buffer.from(world!.net.rootKey).toString('hex')),
    );
    await management(agent).stopCanister(Principal.fromText(II_CANISTER_ID));
    expect(await run('page', 'identity.ic0.app')).toMatchObject({
      success: false,
      reason: 'http_status',
    });
    expect(await run('api')).toMatchObject({ success: false, reason: 'agent_error' });
  });
});
