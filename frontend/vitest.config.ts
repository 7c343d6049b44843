import { defineConfig } from 'vitest/config';

// Unit tests run in Node: browser APIs (WebAuthn, postMessage, storage, fetch) are passed in as
// fakes; WebCrypto and the IC libraries are the real ones.
export default defineConfig({
  resolve: { conditions: ['development'] },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // The connection test installs the built canister: build what changed first.
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
