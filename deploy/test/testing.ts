/** What other packages' tests (the incident replay) use from the release pipeline's tests. */
export { deploy } from './cli.js';
export {
  DIST_WASM,
  faultRelease,
  makeRelease,
  startReleaseWorld,
  type ReleaseWorld,
} from './release-world.js';
