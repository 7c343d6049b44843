/**
 * @ii/client: the one way tools reach an Internet Identity deployment. Node and browser alike
 * (fetch and Web Crypto only).
 */
export * from './errors.js';
export * from './ids.js';
export * from './ii.js';
export * from './init.js';
export * from './management.js';
export * from './metrics.js';
export * from './network.js';
export {
  idlFactory,
  initArgTypes,
  serviceMethods,
  type InternetIdentityService,
  type InternetIdentityInitT,
  type InternetIdentityStatsT,
  type DeviceDataT,
} from '@ii/canister/candid';
