export { AddDevice } from './add-device.js';
export { Authorize } from './authorize.js';
export { Dapp } from './dapp.js';
export { Landing } from './landing.js';
export { Manage } from './manage.js';
export { Recover } from './recover.js';
export { RecoverySetup } from './recovery-setup.js';
export { Register } from './register.js';
export { IcrcDapp, type ExportedSession } from './icrc-dapp.js';
