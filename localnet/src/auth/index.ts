/** Request authentication for localnet: request ids, ingress expiry, signatures and delegation chains. */
export {
  authenticate,
  MAXIMUM_NUMBER_OF_BYTES_IN_NONCE,
  MAXIMUM_NUMBER_OF_PATHS,
  MAXIMUM_NUMBER_OF_LABELS_PER_PATH,
} from './authenticate.js';
export { requestId, delegationHash } from './request-id.js';
export {
  checkIngressExpiry,
  formatIcTime,
  MAX_INGRESS_TTL_NS,
  PERMITTED_DRIFT_AT_VALIDATOR_NS,
} from './ingress-expiry.js';
export {
  MAXIMUM_NUMBER_OF_DELEGATIONS,
  MAXIMUM_NUMBER_OF_TARGETS_PER_DELEGATION,
} from './delegation-chain.js';
export { parsePublicKey } from './public-key.js';
export { verifyCertificate, clearCertificateCache } from './verify-certificate.js';
export { AuthError, SignatureError } from './errors.js';
export type {
  Envelope,
  RequestContent,
  Delegation,
  SignedDelegation,
  AuthOptions,
  AuthResult,
} from './types.js';
export type { Verifier, VerifierContext, Scheme } from './verifier.js';
