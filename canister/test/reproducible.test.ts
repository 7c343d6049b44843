/**
 * Seed 001: anyone must be able to rebuild a release and get the module hash that is deployed.
 * Two builds of the same source give byte-identical wasm.gz files, for II and for the archive.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dirs = ['dist-repro-a', 'dist-repro-b'];

/**
 * Runs the build (II and the archive) in a child process: the build is synchronous, and a worker
 * blocked for minutes misses vitest's RPC deadline.
 */
async function buildInto(dir: string): Promise<void> {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: root,
    // The test flavor is the same build with another page: production's check covers it.
    env: {
      ...process.env,
      II_DIST_DIR: dir,
      II_GIT_COMMIT: 'reproducibility-check',
      II_TEST_FLAVOR: '0',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
}

const read = (dir: string, file: string) => readFileSync(join(root, dir, file));

describe('reproducible build', () => {
  beforeAll(async () => {
    // One after the other: the two builds share .azle/ and the build lock.
    for (const dir of dirs) await buildInto(dir);
  }, 900_000);
  afterAll(() => {
    for (const d of dirs) rmSync(join(root, d), { recursive: true, force: true });
  });

  for (const [name, what] of [
    ['internet_identity', 'II'],
    ['archive', "the archive (the module_hash II's archive_config names)"],
  ] as const) {
    it(`two builds of ${what} give the same wasm and the same hash`, () => {
      const [a, b] = dirs.map((dir) => read(dir, `${name}.wasm.gz`));
      const [hashA, hashB] = dirs.map(
        (dir) => read(dir, `${name}.wasm.gz.sha256`).toString().split(' ')[0],
      );
      expect(hashA).toMatch(/^[0-9a-f]{64}$/);
      expect(hashB).toBe(hashA);
      expect(Buffer.compare(a!, b!)).toBe(0);
      // Under the 2 MiB target, so the module installs (or deploy_archive takes it) in one message.
      expect(a!.length).toBeLessThan(2 * 1024 * 1024);
    });
  }
});
