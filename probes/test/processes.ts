/** Child processes the tests start: the exporter (its bin), Prometheus (Debian's binary). */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPORTER_BIN = fileURLToPath(new URL('../bin/ii-exporter.js', import.meta.url));

export interface Child {
  process: ChildProcess;
  stderr(): string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function track(child: ChildProcess): Child {
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    process: child,
    stderr: () => err,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Starts ii-exporter on a free port; resolves with its URL once it printed its ready line. */
export function startExporter(
  config: string,
  extra: string[] = [],
): Promise<Child & { url: string }> {
  const child = spawn(
    process.execPath,
    [EXPORTER_BIN, '--config', config, '--port', '0', ...extra],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const tracked = track(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0)
        resolve({ ...tracked, url: (JSON.parse(out.slice(0, nl)) as { url: string }).url });
    });
    child.once('exit', (code) =>
      reject(new Error(`ii-exporter exited (${code}):\n${tracked.stderr()}`)),
    );
  });
}

/** Debian's Prometheus scraping `targets` every second, with a fresh data dir under `dir`. */
export function startPrometheus(
  dir: string,
  port: number,
  targets: string[],
): Child & { url: string } {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: ii-exporter',
      '    static_configs:',
      `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const child = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { ...track(child), url: `http://127.0.0.1:${port}` };
}

/** The value of an instant query's first series in Prometheus, or undefined. */
export async function promValue(url: string, query: string): Promise<number | undefined> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`).catch(
    () => undefined,
  );
  if (!res?.ok) return undefined;
  const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
  const first = body.data?.result?.[0];
  return first ? Number(first.value[1]) : undefined;
}

/** Polls `check` until it returns true (every 500 ms), or throws after `ms`. */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  ms = 120_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
