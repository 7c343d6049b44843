/** Build steps other packages' builds reuse: the asset listing rules and the shared build lock. */
export { aliasesFor, listFiles } from './assets.js';
export { acquireBuildLock } from './build-lock.js';
