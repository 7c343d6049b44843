// vitest globalSetup for the root scripts' tests: build the workspaces whose inputs changed.
import { buildStale } from './build.js';

export default function setup(): void {
  const report = buildStale();
  process.stderr.write(`[build] ${JSON.stringify(report)}\n`);
}
