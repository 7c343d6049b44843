/** Canister-signed delegations (runs in Azle's QuickJS): seeds, user keys, the signature map. */
export {
  DelegationError,
  DELEGATION_ERRORS,
  type DelegationErrorCode,
  type DelegationResult,
} from './errors.js';
export {
  calculateSeed,
  FRONTEND_HOSTNAME_LIMIT,
  normalizeFrontendHostname,
  SALT_LENGTH,
} from './seed.js';
export {
  CANISTER_SIG_ALGORITHM,
  CANISTER_SIG_PK_DER_PREFIX_LENGTH,
  canisterSigPublicKeyDer,
  parseCanisterSigPublicKeyDer,
  userPrincipal,
} from './canister-sig-key.js';
export {
  DELEGATION_DOMAIN_SEPARATOR,
  delegationHash,
  delegationMessageHash,
  delegationSignaturePayload,
  type DelegationFields,
} from './delegation-hash.js';
export {
  DEFAULT_EXPIRATION_PERIOD_NS,
  delegationExpiration,
  MAX_EXPIRATION_PERIOD_NS,
  U64_MAX,
} from './expiration.js';
export {
  MAX_SIGS_TO_PRUNE,
  SIGNATURE_EXPIRATION_PERIOD_NS,
  SignatureMap,
} from './signature-map.js';
export { encodeCanisterSignature } from './canister-signature.js';
export {
  getDelegation,
  getPrincipal,
  prepareDelegation,
  type DelegationContext,
  type DelegationRequest,
  type PreparedDelegation,
} from './delegations.js';
export {
  ID_ALIAS_ISSUER_URL,
  getIdAlias,
  idAliasCredentialJwt,
  idAliasSeed,
  jwsHeader,
  jwsSigningInput,
  prepareIdAlias,
  vcSigningMessage,
  type IdAliasCredentials,
  type IdAliasRequest,
  type PreparedIdAlias,
  type SignedIdAlias,
} from './id-alias.js';
