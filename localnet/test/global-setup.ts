// Builds the fixture canisters once per test run (Azle, offline) so every test file can load them.
import { buildFixtures } from '../src/testing/fixtures.js';

export default async function setup(): Promise<void> {
  await buildFixtures();
}
