export { gatewayPlugin, MAX_REQUEST_BODY_BYTES } from './plugin.js';
export {
  handleCanisterRequest,
  MAX_VERIFICATION_VERSION,
  VERIFICATION_FAILED_STATUS,
} from './handle-request.js';
export { resolveCanister, parseHostname, type CanisterResolution } from './resolve-canister.js';
export {
  verifyResponse,
  MAX_CERT_TIME_OFFSET_NS,
  type VerifyInput,
  type VerifyResult,
} from './verify-response.js';
export {
  CandidDecodeError,
  decodeHttpResponse,
  encodeHttpRequest,
  encodeHttpUpdateRequest,
  type CanisterHttpResponse,
} from './http-request-candid.js';
export type {
  CallOutcome,
  GatewayBackend,
  GatewayOptions,
  GatewayRequest,
  GatewayResponse,
  HeaderField,
} from './types.js';
