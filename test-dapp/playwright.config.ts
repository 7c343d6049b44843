// A dapp developer's end-to-end suite (e2e/), the way their own repository would have it:
// Playwright Test with @dfinity/internet-identity-playwright, against Internet Identity's test
// build on localnet (started by e2e/global-setup.ts). Debian's Chromium, not Playwright's download.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // One localnet for the run: the tests share it one after the other (two cores).
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  reporter: [['list']],
  outputDir: 'e2e/.results',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    },
    actionTimeout: 20_000,
    navigationTimeout: 20_000,
  },
});
