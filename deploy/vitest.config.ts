import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: checks of the repository's own files and pure units (the configs, the workflows,
// the proposal payloads), and system tests that release real builds on localnet (built first by
// the global setup). A run of the checks alone builds nothing.
const CHECKS = [
  'test/cli-usage.test.ts',
  'test/local-config.test.ts',
  'test/command-lines.test.ts',
  'test/proposal.test.ts',
];

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
