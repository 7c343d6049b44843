import { defineConfig } from 'vitest/config';

// Browser benchmarks: the e2e harness (localnet + Chromium) driving timed journeys.
export default defineConfig({
  resolve: { conditions: ['development'] },
  test: {
    environment: 'node',
    include: ['bench/**/*.bench.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
