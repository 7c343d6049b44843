/**
 * localnet: a local Internet Computer in one Node process, for development, tests and probes.
 * `startLocalnet` is the library entry; the `localnet` command wraps it (src/cli.ts).
 */
export {
  startLocalnet,
  type InstallOptions,
  type Localnet,
  type LocalnetOptions,
} from './localnet.js';
export { managementIdlFactory, managementMethods } from './replica/management-idl.js';
export { canisterIdFromIndex } from './replica/ids.js';
export type { Replica } from './replica/replica.js';
export { managementActor, emptySettings, type ManagementService } from './management-actor.js';
export { LocalnetError, LOCALNET_ERRORS, type LocalnetErrorCode } from './errors.js';
