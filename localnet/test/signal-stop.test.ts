// SIGTERM while a long update runs: localnet stops without waiting for it (at the IC's 40 B
// limit an endless loop runs for minutes), rolls it back, and saves what was committed before.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalnet } from '../src/localnet.js';
import { EMPTY_ARG } from './test-support.js';

const CHILD = new URL('./signal-stop.test-support.ts', import.meta.url).pathname;

describe('SIGTERM during a long-running message', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'localnet-signal-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('stops localnet at once and keeps every committed change', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, stateDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const line = (await lines.next()).value as string;
    const ready = JSON.parse(line) as { counter: string; spinner: string; count: string };
    expect(ready.count).toBe('3');
    // Let the scheduler pick the endless update up (it runs every 20 ms).
    await new Promise((r) => setTimeout(r, 1000));
    const sent = performance.now();
    child.kill('SIGTERM');
    const exit = await exited;
    console.log(`localnet exited ${Math.round(performance.now() - sent)} ms after SIGTERM`);
    expect(exit, stderr).toEqual({ code: 0, signal: null });
    expect(stderr).toMatch(/"abandoned":true[^\n]*"msg":"stopping"/);
    expect(stderr).toMatch(/"msg":"stopped"/);

    const net = await startLocalnet({ port: 0, stateDir });
    try {
      const counter = Principal.fromText(ready.counter);
      const r = net.replica.query(counter, 'get', EMPTY_ARG, Principal.anonymous());
      expect(r.kind).toBe('reply');
      if (r.kind === 'reply') expect(IDL.decode([IDL.Nat64], r.data)[0]).toBe(3n);
      expect(net.replica.getCanister(ready.spinner)?.module).toBeDefined();
    } finally {
      await net.stop();
    }
  }, 180_000);
});
