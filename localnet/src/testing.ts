/**
 * What other packages' tests use from localnet, as oracles: the certifier and state tree that sign
 * certificates, the request and canister-signature verifiers and their parts (hash trees, DER,
 * request ids), the gateway's response verification, envelopes signed as the agent signs them,
 * and the fixture canisters. Test-only: served from the TypeScript sources, never from dist/
 * (neither is src/testing/, the test-only code behind it).
 */
export { Certifier, StateTree, encodeLeb128, type HashTree } from './certification/index.js';
export {
  authenticate,
  clearCertificateCache,
  delegationHash,
  parsePublicKey,
  requestId,
  verifyCertificate,
} from './auth/index.js';
export { isWellFormed, lookupPath, reconstruct } from './auth/hash-tree-lookup.js';
export { parseSpki } from './auth/spki.js';
export { verifyResponse } from './http/gateway/index.js';
export { gatewayRequest, type GatewayResponse } from './testing/gateway-request.js';
export { mainnetDelegationVector, type MainnetDelegationVector } from './testing/test-vectors.js';
export { signedEnvelope, nowNs, type CallOptions } from './testing/signed-envelope.js';
export { buildFixtures, fixtureWasm } from './testing/fixtures.js';
// For benchmarks of the wasm pipeline (instrumenting, patching, compiling a canister module).
export { instrument } from './wasm/instrument.js';
export { compileCanister } from './wasm/module-cache.js';
export { patchExports } from './wasm/patch-exports.js';
