import { defineConfig } from 'vitest/config';

// The repository's own scripts (build what changed, npm start's checks, logs and whole run).
export default defineConfig({
  // Workspace packages from their TypeScript sources, never from a stale dist/.
  resolve: { conditions: ['development'] },
  test: {
    root: 'scripts',
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // start-system.test.ts runs the built wasm: build what changed first.
    globalSetup: ['build-global-setup.ts'],
  },
});
