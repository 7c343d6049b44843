import { defineConfig } from 'vitest/config';

// End-to-end suite: real Chromium (/usr/bin/chromium via playwright-core) against the real
// canister wasm on localnet. One localnet + one browser per spec file, at most two files at once
// (two cores); the frontend, canister and test dapp are built first when stale (globalSetup).
export default defineConfig({
  resolve: { conditions: ['development'] },
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
