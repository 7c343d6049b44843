import { defineConfig } from 'vitest/config';

// Unit tests next to the code, and integration tests that run the built wasm (built once by the
// global setup when its sources changed) on localnet.
export default defineConfig({
  // Workspace packages from their TypeScript sources, never from a stale dist/.
  resolve: { conditions: ['development'] },
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'canister/src/**/*.test.ts',
            'frontend/src/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
