export { createPasskey, type CreatePasskeyOptions, type CreatedPasskey } from './create.js';
export { PasskeyIdentity, type PasskeyCredential } from './passkey-identity.js';
export { PasskeyError, type PasskeyErrorCode } from './errors.js';
export { coseToDer, parseAuthenticatorData, COSE_ALG_ES256, COSE_ALG_RS256 } from './cose.js';
