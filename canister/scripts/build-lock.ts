/**
 * Builds write shared files (src/generated, .azle): concurrent builds of one package (two test
 * runs, a developer's build) wait for each other through a lock directory. Used by this package's
 * build and the test dapp's.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const STALE_MS = 10 * 60_000;

/**
 * Takes `<packageDir>/.build.lock`, waiting up to 10 minutes (a lock older than that belongs to a
 * build that died), and returns the function that releases it. Waiting blocks the thread: build
 * scripts have nothing else to do meanwhile.
 */
export function acquireBuildLock(packageDir: string): () => void {
  const lock = join(packageDir, '.build.lock');
  const deadline = Date.now() + STALE_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      return () => rmSync(lock, { recursive: true, force: true });
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_MS)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(pause, 0, 0, 250);
    }
  }
}
