/**
 * The benchmarks' localnet: `localnet start` in a child process (request log off), so that its
 * CPU is its own and not the load generator's. PROF=1 writes a CPU profile to /tmp/prof.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function startLocalnetChild(): Promise<{
  child: ChildProcess;
  url: string;
  startupMs: number;
}> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      '--import',
      'tsx',
      '-e',
      `import('./src/cli.ts').then((m) => m.main(['start', '--port', '0', '--no-log-requests']))`,
    ],
    { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const ready = JSON.parse(line) as { url: string };
    return { child, url: ready.url, startupMs: performance.now() - t0 };
  }
  throw new Error('localnet exited before it was ready');
}
