/** @ii/deploy: the release pipeline as a library (the CLI is src/cli.ts). */
export { loadDeployConfig, type DeployConfig, type DeployTarget } from './config.js';
export { DeployError, DEPLOY_ERRORS } from './errors.js';
export { Ledger } from './ledger.js';
export { RELEASE_METRICS, Reporter } from './reporter.js';
export { buildRelease, listReleases, readRelease, type Manifest } from './release.js';
