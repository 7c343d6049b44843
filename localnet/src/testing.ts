/**
 * Building blocks other packages' tests use as oracles: the certifier and state tree that sign
 * certificates, the request and canister-signature verifiers, the gateway's response verification.
 */
export { Certifier, StateTree, type HashTree } from './certification/index.js';
export { authenticate, parsePublicKey, verifyCertificate } from './auth/index.js';
export { verifyResponse } from './gateway/index.js';
export { gatewayRequest, type GatewayResponse } from './gateway-request.js';
export { mainnetDelegationVector, type MainnetDelegationVector } from './test-vectors.js';
export { signedEnvelope, nowNs, type CallOptions } from './auth/test-support.js';
