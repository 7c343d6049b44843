// `npm start`'s last step (start.ts) as a user runs it, on free ports and a temporary state
// dir: the ready line, both pages through the verifying gateway, a clean Ctrl-C, and a restart that
// upgrades both canisters in place (runtime state kept).
import { Actor, HttpAgent, type Identity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { deviceFor } from '@ii/canister/testing';
import { iiActor } from '@ii/client';
import { gatewayRequest } from '@ii/localnet/testing';
import { idlFactory, type TestDappService } from '@ii/test-dapp/candid';
import { ALTERNATIVE_ORIGINS_PATH } from '@ii/test-dapp/site';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, vi } from 'vitest';
import type { Urls } from './start.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
let stateDir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  // Both wasm files are built by the global setup.
  stateDir = mkdtempSync(join(tmpdir(), 'dapp-start-'));
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(stateDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  urls: Urls;
  stderr: () => string;
}

/** Runs start.ts and resolves with its one stdout line. */
function start(): Promise<Started> {
  // `development`: workspace packages from their TypeScript sources, so no build of localnet is needed.
  const args = ['--conditions=development', '--import', 'tsx', 'scripts/start.ts', '--no-build'];
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: {
      ...process.env,
      LOCALNET_PORT: '0',
      LOCALNET_HTTPS_PORT: '0',
      PROMETHEUS_PORT: '0',
      ALERTMANAGER_PORT: '0',
      PUSHGATEWAY_PORT: '0',
      EXPORTER_PORT: '0',
      LOCALNET_STATE_DIR: stateDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0)
        resolve({ child, urls: JSON.parse(out.slice(0, nl)) as Urls, stderr: () => err });
    });
    child.once('exit', (code) =>
      reject(new Error(`start.ts exited (${code}) before ready:\n${err}`)),
    );
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

const hostOf = (url: string) => new URL(url).host;
const gatewayGet = (net: { port: number }, host: string, path: string) =>
  gatewayRequest(net.port, host, path);

describe('scripts/start.ts', () => {
  it('deploys II (captcha on, root key fetched) and the dapp, prints the URLs, stops on Ctrl-C, restarts with an upgrade', async () => {
    // On failure, show what start.ts said (its logs carry the reason).
    const logs: (() => string)[] = [];
    onTestFailed(() => {
      for (const l of logs) process.stderr.write(`--- start.ts stderr ---\n${l()}\n`);
    });
    const first = await start();
    logs.push(first.stderr);
    const { urls } = first;
    expect(urls.ii.url).toMatch(/^http:\/\/rdmx6-jaaaa-aaaaa-aaadq-cai\.localhost:\d+\/$/);
    expect(urls.dapp.url).toMatch(/^http:\/\/rrkah-fqaaa-aaaaa-aaaaq-cai\.localhost:\d+\/$/);
    expect(urls.ii.httpsUrls.map((u: string) => new URL(u).hostname)).toEqual([
      'identity.ic0.app',
      'identity.internetcomputer.org',
      'id.ai',
    ]);
    expect(urls.caCert).toBe(join(stateDir, 'ca.pem'));
    expect(existsSync(urls.caCert!)).toBe(true);
    await vi.waitFor(() => expect(first.stderr()).toContain(`Open ${urls.dapp.url} and log in`));

    const net = { port: Number(new URL(urls.url).port) };
    for (const host of [hostOf(urls.ii.url), hostOf(urls.ii.aliasUrl), hostOf(urls.dapp.url)])
      expect((await gatewayGet(net, host, '/')).status).toBe(200);
    expect((await gatewayGet(net, hostOf(urls.dapp.url), '/')).body.toString()).toContain(
      '"fetchRootKey":true',
    );

    const agent = (identity?: Identity) =>
      HttpAgent.create({
        host: urls.url,
        identity,
        rootKey: new Uint8Array(Buffer.from(urls.rootKey, 'hex')),
        shouldFetchRootKey: false,
        retryTimes: 0,
      });
    // The captcha is on: registering without solving a challenge is refused.
    const user = Ed25519KeyIdentity.generate();
    const ii = iiActor(await agent(user), urls.ii.canisterId);
    expect(await ii.register(deviceFor(user), { key: '', chars: '' }, [])).toEqual({
      bad_challenge: null,
    });

    // The dapp's controller is the anonymous principal on this development deployment.
    const dapp = Actor.createActor<TestDappService>(idlFactory, {
      agent: await agent(),
      canisterId: urls.dapp.canisterId,
    });
    const json = '{"alternativeOrigins":["https://kept.example"]}';
    await dapp.set_alternative_origins(json);

    // The monitoring: the stack is up, the probe enrolled on both targets with private
    // credentials, the exporter reads both targets' certified state, Prometheus scrapes it all.
    const m = urls.monitoring!;
    expect(m).not.toBeNull();
    expect(urls.canary.httpsUrl).toMatch(/^https:\/\/qjdve-lqaaa-aaaaa-aaaeq-cai\.icp0\.io:\d+\/$/);
    for (const u of [m.prometheus, m.alertmanager, m.pushgateway])
      expect((await fetch(`${u}/-/ready`)).status).toBe(200);
    for (const target of ['production', 'canary'])
      expect(
        statSync(join(stateDir, 'monitoring', `${target}.credentials.json`)).mode & 0o777,
      ).toBe(0o600);
    await vi.waitFor(
      async () => {
        const text = await (await fetch(m.exporter)).text();
        for (const target of ['production', 'canary'])
          expect(text).toMatch(new RegExp(`ii_canister_module_info\\{[^}]*target="${target}"`));
      },
      { timeout: 60_000, interval: 1_000 },
    );
    await vi.waitFor(
      async () => {
        const res = await fetch(
          `${m.prometheus}/api/v1/query?query=${encodeURIComponent('up == 1')}`,
        );
        const body = (await res.json()) as { data: { result: unknown[] } };
        // The exporter, both canisters' /metrics, the Pushgateway.
        expect(body.data.result).toHaveLength(4);
      },
      { timeout: 120_000, interval: 2_000 },
    );
    expect(await stop(first.child)).toBe(0);
    // Ctrl-C stopped the monitoring too.
    await expect(fetch(`${m.prometheus}/-/ready`)).rejects.toThrow();

    const second = await start();
    logs.push(second.stderr);
    expect(second.urls.rootKey).toBe(urls.rootKey);
    expect(second.stderr()).toMatch(/Internet Identity upgraded/);
    expect(second.stderr()).toMatch(/test dapp upgraded/);
    expect(second.stderr()).toMatch(/canary upgraded/);
    // The probe keeps the identity it enrolled with.
    expect(second.stderr()).not.toMatch(/probe enrolled/);
    const net2 = { port: Number(new URL(second.urls.url).port) };
    const alt = await gatewayGet(net2, hostOf(second.urls.dapp.url), ALTERNATIVE_ORIGINS_PATH);
    expect(alt.body.toString()).toBe(json);
    expect(await stop(second.child)).toBe(0);
  });
});
