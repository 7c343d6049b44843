// ii-exporter with a real Prometheus (Debian's, started here) scraping it: probe_success is 1 for
// the production login, turns 0 when the canister stops and comes back; when localnet dies the
// exporter keeps serving and recovers when localnet returns; POST /probes/run; a clean SIGTERM.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '@dfinity/principal';
import { faultWasm } from '@ii/canister/build-tools';
import {
  II_CANISTER_ID,
  createAgent,
  encodeInitArg,
  installWasm,
  management,
  network,
} from '@ii/client';
import { startLocalnet } from '@ii/localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from './cli.js';
import { freePort } from './ports.js';
import { type Child, promValue, startExporter, startPrometheus, until } from './processes.js';
import { II_WASM, type World, startWorld } from './world.js';

let world: World;
let exporter: Child & { url: string };
let prometheus: Child & { url: string };
let stateDir: string;
let ports: { port: number; httpsPort: number };

const success = (flow: string) =>
  `probe_success{target="production",flow="${flow}"${flow === 'api' ? '' : ',hostname="identity.ic0.app"'}}`;
const promIs = (query: string, value: number) => async () =>
  (await promValue(prometheus.url, query)) === value;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'ii-probes-state-'));
  ports = { port: await freePort(), httpsPort: await freePort() };
  world = await startWorld({
    ...ports,
    stateDir,
    flows: ['page', 'login', 'api'],
    intervals: { api: 2, page: 4, login: 6 },
  });
  expect(
    (await probe(['enroll', '--config', world.configPath, '--target', 'production'])).code,
  ).toBe(0);
  exporter = await startExporter(world.configPath);
  const promPort = await freePort();
  prometheus = startPrometheus(world.dir, promPort, [new URL(exporter.url).host]);
});

afterAll(async () => {
  await exporter?.stop('SIGKILL');
  await prometheus?.stop('SIGKILL');
  await world?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('ii-exporter scraped by Prometheus', () => {
  it('answers /healthz, /readyz and /probes, and Prometheus sees the production login succeed', async () => {
    expect((await fetch(`${exporter.url}/healthz`)).status).toBe(200);
    await until('the login probe to succeed in Prometheus', promIs(success('login'), 1));
    expect((await fetch(`${exporter.url}/readyz`)).status).toBe(200);
    await until('every flow in /probes', async () => {
      const probes = (await (await fetch(`${exporter.url}/probes`)).json()) as Array<{
        flow: string;
      }>;
      return ['page', 'login', 'api'].every((f) => probes.some((p) => p.flow === f));
    });
    await until(
      'the module hash in Prometheus',
      async () =>
        (await promValue(prometheus.url, `ii_canister_module_info{target="production"}`)) === 1,
    );
  });

  it('turns probe_success to 0 when the canister stops, and back to 1 when it starts', async () => {
    const agent = await createAgent(
      network(world.net.url, Buffer.from(world.net.rootKey).toString('hex')),
    );
    const id = Principal.fromText(II_CANISTER_ID);
    await management(agent).stopCanister(id);
    await until('api probe failing', promIs(success('api'), 0));
    // A failing probe is checked again within recheckSeconds: two failures in a row come fast.
    await until(
      'two api failures in a row',
      async () =>
        ((await promValue(
          prometheus.url,
          'ii_probe_consecutive_failures{target="production",flow="api"}',
        )) ?? 0) >= 2,
    );
    expect(
      await promValue(
        prometheus.url,
        'ii_probe_runs_total{flow="api",result="failure",reason="agent_error"}',
      ),
    ).toBeGreaterThan(0);
    await management(agent).startCanister(id);
    await until('api probe succeeding again', promIs(success('api'), 1));
  });

  it('probes the browser flows as soon as the module hash changes, and sees the new module fail', async () => {
    const agent = await createAgent(
      network(world.net.url, Buffer.from(world.net.rootKey).toString('hex')),
    );
    const install = (wasm: Uint8Array) =>
      installWasm(agent, {
        canisterId: II_CANISTER_ID,
        wasm,
        arg: encodeInitArg(null),
        mode: 'upgrade',
      });
    await install(faultWasm('csp-api-host'));
    await until('the exporter to notice the new module', async () =>
      /module changed: probing now/.test(exporter.stderr()),
    );
    await until(
      'the page probe failing with csp',
      async () =>
        ((await promValue(
          prometheus.url,
          'sum(ii_probe_runs_total{target="production",flow="page",reason="csp"})',
        )) ?? 0) > 0,
    );
    await install(new Uint8Array(readFileSync(II_WASM)));
    await until('the page probe succeeding again', promIs(success('page'), 1), 120_000);
  });

  it('survives localnet dying, reports network failures, and recovers when it returns', async () => {
    await world.net.stop();
    await until('api probe failing with localnet down', promIs(success('api'), 0));
    // The run in flight when localnet died may fail otherwise; the next ones say `network`.
    await until(
      'api failures with reason network',
      async () =>
        ((await promValue(
          prometheus.url,
          'sum(ii_probe_runs_total{flow="api",reason="network"})',
        )) ?? 0) > 0,
    );
    expect((await fetch(`${exporter.url}/metrics`)).status).toBe(200);
    world.net = await startLocalnet({ ...ports, stateDir });
    for (const h of ['identity.ic0.app', 'identity.internetcomputer.org'])
      world.net.setAlias(h, II_CANISTER_ID);
    await until('api probe succeeding after localnet returned', promIs(success('api'), 1));
    await until(
      'login probe succeeding after localnet returned',
      promIs(success('login'), 1),
      180_000,
    );
  });

  it('runs probes on demand with POST /probes/run', async () => {
    const res = await fetch(`${exporter.url}/probes/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'production', flow: 'api' }),
    });
    const body = (await res.json()) as { success: boolean; results: unknown[] };
    expect(body).toMatchObject({ success: true });
    expect(body.results).toHaveLength(1);
  });

  it('stops cleanly on SIGTERM', async () => {
    const t0 = Date.now();
    expect(await exporter.stop('SIGTERM'), exporter.stderr().slice(-2000)).toBe(0);
    // Runs in progress are finished (at most 30 s), nothing waits longer.
    expect(Date.now() - t0).toBeLessThan(45_000);
    expect(exporter.stderr()).toMatch(/"msg":"stopped"/);
  });
});
