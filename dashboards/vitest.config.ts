import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: checks that read only the repository (rules, generated files, runbooks), and
// system tests that run the built II and test dapp (built first by the global setup). A run of the
// first alone builds nothing.
const RUNBOOKS = 'test/runbooks.test.ts';

export default defineConfig({
  // Workspace packages from their TypeScript sources, never from a stale dist/.
  resolve: { conditions: ['development'] },
  test: {
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', RUNBOOKS] },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, RUNBOOKS],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
