// Builds the canister wasm once per test run; integration tests install it on localnet.
import { ensureBuilt } from './build-wasm.js';

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
