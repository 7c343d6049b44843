import { defineConfig } from 'vitest/config';
import e2e from './vitest.e2e.config.js';

// The README's screenshots (docs/screenshots), taken with the e2e harness: `npm run screenshots`.
export default defineConfig({
  ...e2e,
  test: { ...e2e.test, include: ['e2e/screenshots/*.shots.ts'] },
});
