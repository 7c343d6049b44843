// Every panel query, variables substituted, is parsed and type-checked by a real Prometheus
// (Debian's): an empty one, so this checks the PromQL, not the data (the system tests do that).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateQueries, evaluateQuery } from './evaluate.js';
import { dashboardQueries } from './index.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited (${child.exitCode}): ${stderr().slice(-2000)}`);
    try {
      if ((await fetch(new URL('/-/ready', url))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('dashboard queries against a real Prometheus', () => {
  let dir: string;
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ii-grafana-prometheus-'));
    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    let stderr = '';
    child = spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) =>
        reject(new Error(`cannot run prometheus (apt-get install prometheus): ${e.message}`)),
      );
    });
    await spawned;
    await waitReady(url, child, () => stderr);
  }, 60_000);

  afterAll(() => {
    child?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('parses and type-checks every one of them', async () => {
    const queries = dashboardQueries();
    const results = await evaluateQueries(url, queries);
    expect(results.filter((r) => r.error).map((r) => `${r.query.panel}: ${r.error}`)).toEqual([]);
    expect(results).toHaveLength(queries.length);
  });

  it('reports a query Prometheus rejects', async () => {
    const bad = { dashboard: 'x', panel: 'x', expr: 'rate(up)', metrics: ['up'] };
    expect((await evaluateQuery(url, bad)).error).toMatch(/bad_data/);
  });
});
