import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages from their TypeScript sources, never from a stale dist/.
  resolve: { conditions: ['development'] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    // Each file starts its own localnet and Chromium: one file at a time keeps the 2 cores usable.
    fileParallelism: false,
  },
});
