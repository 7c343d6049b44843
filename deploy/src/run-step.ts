/**
 * Long build steps (npm ci, the workspaces' and the canister's builds: minutes) as child
 * processes that do not block this one's event loop: whoever runs ii-deploy in-process (a test
 * runner, a service) keeps answering meanwhile. Their output goes to stderr, as logs do.
 */
import { spawn } from 'node:child_process';

export function runStep(
  command: string,
  args: string[],
  o: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
