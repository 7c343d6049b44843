// Builds the dapp wasm once per test run, only when a source is newer than it.
import { ensureBuilt } from '../scripts/build.js';

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
