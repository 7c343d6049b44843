/** vitest globalSetup: build what is stale once, before any spec file starts its localnet. */
import { buildChanged } from './build.js';

export default function setup(): void {
  // E2E_NO_BUILD=1: test whatever is built now (e.g. while another workspace does not build).
  if (process.env.E2E_NO_BUILD === '1') return;
  const report = buildChanged();
  process.stderr.write(`[e2e] build: ${JSON.stringify(report)}\n`);
}
