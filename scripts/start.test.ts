// npm start's checks that run before anything is built: each failure is one line, exit code 1.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
let busy: Server;
let busyPort: number;
let stateDir: string;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  busyPort = (busy.address() as { port: number }).port;
  stateDir = mkdtempSync(join(tmpdir(), 'start-test-'));
});
afterAll(() => {
  busy.close();
  rmSync(stateDir, { recursive: true, force: true });
});

function start(env: Record<string, string>, args: string[] = []) {
  const r = spawnSync(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'scripts/start.ts', ...args],
    {
      cwd: repo,
      env: { ...process.env, LOCALNET_STATE_DIR: stateDir, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: r.status, stdout: r.stdout, lines: r.stderr.trimEnd().split('\n') };
}

describe('npm start before it builds anything', () => {
  it('names LOCALNET_PORT in one line when the HTTP port is taken', () => {
    const r = start({ LOCALNET_PORT: String(busyPort), LOCALNET_HTTPS_PORT: '0' });
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      `start: port ${busyPort} is in use: set LOCALNET_PORT to a free port (0 picks any), e.g. LOCALNET_PORT=${busyPort + 10} npm start`,
    ]);
    expect(r.stdout).toBe('');
  });

  it('names LOCALNET_HTTPS_PORT when the HTTPS port is taken', () => {
    const r = start({ LOCALNET_PORT: '0', LOCALNET_HTTPS_PORT: String(busyPort) });
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(
      /^start: port \d+ is in use: set LOCALNET_HTTPS_PORT to a free port/,
    );
  });

  it('refuses a port that is not a number, and an unknown log format, in one line each', () => {
    const port = start({ LOCALNET_PORT: 'http' });
    expect(port).toMatchObject({
      status: 1,
      lines: ['start: LOCALNET_PORT must be a port number, got http'],
    });
    const format = start({ LOCALNET_PORT: '0', LOCALNET_HTTPS_PORT: '0', LOG_FORMAT: 'xml' });
    expect(format).toMatchObject({
      status: 1,
      lines: ['start: LOG_FORMAT must be json or pretty, got xml'],
    });
  });

  it('lists its environment variables in --help and refuses unknown options', () => {
    const help = start({}, ['--help']);
    expect(help.status).toBe(0);
    for (const v of ['LOCALNET_PORT', 'LOCALNET_HTTPS_PORT', 'LOCALNET_STATE_DIR', 'LOG_FORMAT'])
      expect(help.stdout).toContain(v);
    expect(start({}, ['--bogus'])).toMatchObject({
      status: 1,
      lines: ['start: unknown option --bogus (see --help)'],
    });
  });
});
