/**
 * What other packages (the synthetic probes) use from the e2e harness: the page objects, the
 * virtual authenticator, the browser guards (CSP violations, console errors, failed requests) and
 * the Chromium launcher. Exported as `@ii/frontend/e2e`.
 */
export * from './views/index.js';
export { VirtualDevice, type Credential } from './authenticator.js';
export { Guards, type Problem } from './guards.js';
export {
  CHROMIUM,
  type E2eBrowser,
  type HostMapping,
  type LaunchOptions,
  launchChromium,
  resolverFlag,
  watchSecurityState,
} from './browser.js';
