/**
 * Seed 001: anyone must be able to rebuild a release and get the module hash that is deployed.
 * Two builds of the same source give byte-identical wasm.gz files.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';

const dirs = ['dist-repro-a', 'dist-repro-b'];

describe('reproducible build', () => {
  afterAll(() => {
    for (const d of dirs)
      rmSync(join(import.meta.dirname, '..', d), { recursive: true, force: true });
  });

  it('two builds of the same commit give the same wasm hash', () => {
    const hashes = dirs.map((dir) => {
      const saved = { ...process.env };
      process.env.II_DIST_DIR = dir;
      process.env.II_GIT_COMMIT = 'reproducibility-check';
      try {
        return build();
      } finally {
        process.env = saved;
      }
    });
    expect(hashes[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes[1]!.sha256).toBe(hashes[0]!.sha256);
    const [a, b] = hashes.map((h) => readFileSync(h.wasmGz));
    expect(Buffer.compare(a!, b!)).toBe(0);
    // Under the 2 MiB target, so the module installs in one message.
    expect(a!.length).toBeLessThan(2 * 1024 * 1024);
  });
});
