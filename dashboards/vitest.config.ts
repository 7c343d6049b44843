import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: checks of the repository's own files (rules, generated configs through promtool and
// amtool, runbooks), and system tests that run the built II and test dapp (built first by the
// global setup). A run of the checks alone builds nothing.
const CHECKS = ['test/runbooks.test.ts', 'test/promtool.test.ts'];

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
        test: { name: 'checks', include: ['src/**/*.test.ts', ...CHECKS] },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...CHECKS],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
