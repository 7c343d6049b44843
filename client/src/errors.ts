/** The client's one error class and its code table: what a caller can match on. */
export const CLIENT_ERRORS = {
  II_ERR_CLIENT_NETWORK: 'not a network: give ic, local or an http(s) URL',
  II_ERR_CLIENT_ROOT_KEY: 'a root key is 133 bytes of DER, given as hex',
  II_ERR_CLIENT_METRICS: 'the /metrics answer is not the Prometheus text format',
  II_ERR_CLIENT_HTTP: 'the canister answered an HTTP error',
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERRORS;

export class ClientError extends Error {
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, detail?: string) {
    super(detail ? `${CLIENT_ERRORS[code]}: ${detail}` : CLIENT_ERRORS[code]);
    this.name = 'ClientError';
    this.code = code;
  }
}
