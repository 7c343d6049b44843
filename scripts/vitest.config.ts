import { defineConfig } from 'vitest/config';

// The repository's own scripts (build-if-changed, npm start's checks and logs).
export default defineConfig({
  test: {
    root: 'scripts',
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
  },
});
