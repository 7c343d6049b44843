/** Build steps other packages reuse: asset listing, the build lock, test-only fault builds. */
export { aliasesFor, listFiles } from './assets.js';
export { acquireBuildLock } from './build-lock.js';
export { faultWasm } from './fault-builds.js';
export { FAULTS, type Fault } from '../src/faults.js';
export { SUPPORTED_RECORD_VERSIONS, parseRecordVersion } from '../src/storage/record-version.js';
